CREATE TABLE `dispute` (
	`id` text PRIMARY KEY NOT NULL,
	`stripe_dispute_id` text NOT NULL,
	`booking_id` text,
	`stripe_charge_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispute_stripe_uq` ON `dispute` (`stripe_dispute_id`);--> statement-breakpoint
CREATE INDEX `dispute_booking_idx` ON `dispute` (`booking_id`);--> statement-breakpoint
CREATE TABLE `payment_instalment` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`invoice_id` text,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`stripe_payment_intent_id` text,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instalment_booking_seq_uq` ON `payment_instalment` (`booking_id`,`seq`);--> statement-breakpoint
CREATE INDEX `instalment_due_idx` ON `payment_instalment` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `refund` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`intent_key` text NOT NULL,
	`stripe_refund_id` text,
	`stripe_charge_id` text,
	`stripe_credit_note_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`reversed` integer DEFAULT 0 NOT NULL,
	`unrecovered` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refund_intent_uq` ON `refund` (`intent_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `refund_stripe_uq` ON `refund` (`stripe_refund_id`);--> statement-breakpoint
CREATE INDEX `refund_booking_idx` ON `refund` (`booking_id`);--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `details_submitted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `requirements_due` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `disabled_reason` text;--> statement-breakpoint
ALTER TABLE `payout` ADD `stripe_charge_id` text;--> statement-breakpoint
ALTER TABLE `payout` ADD `amount_reversed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payout` ADD `amount_owed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payout` ADD `hold_reason` text;--> statement-breakpoint
ALTER TABLE `payout` ADD `last_error` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_tx_account_uq` ON `ledger_entry` (`tx_id`,`account`);