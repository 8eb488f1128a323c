CREATE TABLE `calendar_conflict_resolution` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`booking_id` text NOT NULL,
	`external_id` text NOT NULL,
	`action` text NOT NULL,
	`resolved_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `provider_profile`(`user_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_conflict_resolution_uq` ON `calendar_conflict_resolution` (`booking_id`,`external_id`);--> statement-breakpoint
ALTER TABLE `calendar_connection` ADD `calcom_user_id` integer;--> statement-breakpoint
ALTER TABLE `calendar_connection` ADD `calcom_email` text;--> statement-breakpoint
ALTER TABLE `calendar_connection` ADD `webhook_id` text;