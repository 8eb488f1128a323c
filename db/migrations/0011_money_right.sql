CREATE TABLE `booking_expense` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`description` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`receipt_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`receipt_id`) REFERENCES `attachment`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `booking_expense_booking_idx` ON `booking_expense` (`booking_id`);--> statement-breakpoint
CREATE TABLE `tip` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`stripe_invoice_id` text,
	`hosted_url` text,
	`stripe_payment_intent_id` text,
	`stripe_charge_id` text,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tip_booking_uq` ON `tip` (`booking_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tip_stripe_invoice_uq` ON `tip` (`stripe_invoice_id`);--> statement-breakpoint
DROP INDEX `payout_booking_uq`;--> statement-breakpoint
ALTER TABLE `payout` ADD `kind` text DEFAULT 'earnings' NOT NULL;--> statement-breakpoint
ALTER TABLE `payout` ADD `reason` text DEFAULT 'job' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `payout_booking_kind_uq` ON `payout` (`booking_id`,`kind`);