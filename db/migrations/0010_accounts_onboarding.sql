CREATE TABLE `saved_address` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text NOT NULL,
	`country` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_address_user_idx` ON `saved_address` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `provider_review` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`action` text NOT NULL,
	`note` text,
	`actor_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `provider_profile`(`user_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `provider_review_provider_idx` ON `provider_review` (`provider_id`,`at`);--> statement-breakpoint
ALTER TABLE `user` ADD `also_client` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `user` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `provider_category` ADD `hourly_rate` integer;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `listing_status` text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `review_note` text;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `reviewed_by` text;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `languages` text DEFAULT '["en"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `tax_region` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notification_preference` ADD `choices` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Listings made before onboarding existed name the tax region their rate already is (core's taxRegions).
UPDATE `provider_profile` SET `tax_region` = CASE
  WHEN `country` = 'US' AND `tax_bps` = 887 THEN 'US-NYC'
  WHEN `country` = 'US' AND `tax_bps` = 1025 THEN 'US-CHI'
  WHEN `country` = 'US' AND `tax_bps` = 950 THEN 'US-LA'
  WHEN `country` = 'US' AND `tax_bps` = 0 THEN 'US-EXEMPT'
  WHEN `country` = 'GB' AND `tax_bps` = 2000 THEN 'GB-VAT'
  WHEN `country` = 'GB' AND `tax_bps` = 0 THEN 'GB-EXEMPT'
  WHEN `country` = 'AU' AND `tax_bps` = 1000 THEN 'AU-GST'
  WHEN `country` = 'AU' AND `tax_bps` = 0 THEN 'AU-EXEMPT'
  WHEN `country` = 'CA' AND `tax_bps` = 1300 THEN 'CA-ON'
  WHEN `country` = 'IE' AND `tax_bps` = 2300 THEN 'IE-VAT'
  WHEN `country` = 'DE' AND `tax_bps` = 1900 THEN 'DE-VAT'
  WHEN `country` = 'ES' AND `tax_bps` = 2100 THEN 'ES-VAT'
  ELSE ''
END WHERE `tax_region` = '';
