CREATE TABLE `bank_payout` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`stripe_account_id` text NOT NULL,
	`stripe_payout_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`automatic` integer DEFAULT true NOT NULL,
	`arrival_date` integer,
	`failure_code` text,
	`failure_message` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `provider_profile`(`user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_payout_stripe_uq` ON `bank_payout` (`stripe_payout_id`);--> statement-breakpoint
CREATE INDEX `bank_payout_provider_idx` ON `bank_payout` (`provider_id`,`created_at`);