CREATE TABLE `receipt` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`event_id` text NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`storage_key` text NOT NULL,
	`total` integer NOT NULL,
	`currency` text NOT NULL,
	`emailed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipt_event_uq` ON `receipt` (`event_id`);--> statement-breakpoint
CREATE INDEX `receipt_booking_idx` ON `receipt` (`booking_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `booking_change` ADD `note` text;