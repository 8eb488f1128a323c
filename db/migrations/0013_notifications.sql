ALTER TABLE `notification` ADD `delivery_status` text;--> statement-breakpoint
ALTER TABLE `notification` ADD `delivery_updated_at` integer;--> statement-breakpoint
CREATE INDEX `notification_external_idx` ON `notification` (`external_id`);--> statement-breakpoint
ALTER TABLE `notification_preference` ADD `sms_consent_at` integer;--> statement-breakpoint
CREATE TABLE `notification_channel_state` (
	`user_id` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `channel`),
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_channel_state_address_idx` ON `notification_channel_state` (`address`);
