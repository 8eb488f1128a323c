-- Live updates, messaging and the emergency contact system (issue 16, part B).
-- live_event: a change cursor every API process reads. Triggers write one row per person concerned in
-- the same transaction as the change, so an open page or desk hears of it whichever process wrote it.
CREATE TABLE `live_event` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`booking_id` text,
	`ref_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `live_event_user_idx` ON `live_event` (`user_id`,`seq`);
--> statement-breakpoint
CREATE TRIGGER `live_message_insert` AFTER INSERT ON `message`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'message', NEW.`booking_id`, NEW.`id`, NEW.`created_at` FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'message', NEW.`booking_id`, NEW.`id`, NEW.`created_at` FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `live_message_read` AFTER UPDATE OF `read_at` ON `message`
WHEN OLD.`read_at` IS NULL AND NEW.`read_at` IS NOT NULL
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`) VALUES (NEW.`sender_id`, 'read', NEW.`booking_id`, NEW.`id`, NEW.`read_at`);
END;
--> statement-breakpoint
CREATE TRIGGER `live_booking_update` AFTER UPDATE ON `booking`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    VALUES (NEW.`client_id`, 'booking', NEW.`id`, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
           (NEW.`provider_id`, 'booking', NEW.`id`, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `live_booking_event_insert` AFTER INSERT ON `booking_event`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'booking', NEW.`booking_id`, NEW.`id`, NEW.`at` FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'booking', NEW.`booking_id`, NEW.`id`, NEW.`at` FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `live_booking_change_insert` AFTER INSERT ON `booking_change`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'booking', NEW.`booking_id`, NEW.`id`, NEW.`created_at` FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'booking', NEW.`booking_id`, NEW.`id`, NEW.`created_at` FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `live_booking_change_update` AFTER UPDATE OF `status` ON `booking_change`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'booking', NEW.`booking_id`, NEW.`id`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'booking', NEW.`booking_id`, NEW.`id`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `live_invoice_insert` AFTER INSERT ON `invoice`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'booking', NEW.`booking_id`, NEW.`id`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'booking', NEW.`booking_id`, NEW.`id`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `live_invoice_update` AFTER UPDATE ON `invoice`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'booking', NEW.`booking_id`, NEW.`id`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'booking', NEW.`booking_id`, NEW.`id`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
--> statement-breakpoint
-- A question to a provider before any booking: one conversation per client and provider.
CREATE TABLE `enquiry` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`category_id` text,
	`created_at` integer NOT NULL,
	`last_message_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `provider_profile`(`user_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `category`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enquiry_pair_uq` ON `enquiry` (`client_id`,`provider_id`);
--> statement-breakpoint
CREATE INDEX `enquiry_provider_idx` ON `enquiry` (`provider_id`,`last_message_at`);
--> statement-breakpoint
CREATE TABLE `enquiry_message` (
	`id` text PRIMARY KEY NOT NULL,
	`enquiry_id` text NOT NULL,
	`sender_id` text NOT NULL,
	`body` text NOT NULL,
	`read_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiry`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sender_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enquiry_message_enquiry_idx` ON `enquiry_message` (`enquiry_id`,`created_at`);
--> statement-breakpoint
CREATE TRIGGER `live_enquiry_message_insert` AFTER INSERT ON `enquiry_message`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'enquiry', NULL, NEW.`enquiry_id`, NEW.`created_at` FROM `enquiry` WHERE `id` = NEW.`enquiry_id`
    UNION ALL
    SELECT `provider_id`, 'enquiry', NULL, NEW.`enquiry_id`, NEW.`created_at` FROM `enquiry` WHERE `id` = NEW.`enquiry_id`;
END;
--> statement-breakpoint
-- A message someone reported to the operators (one report per person and message).
CREATE TABLE `message_report` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`booking_id` text NOT NULL,
	`reporter_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	`review_note` text,
	FOREIGN KEY (`message_id`) REFERENCES `message`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_report_once_uq` ON `message_report` (`message_id`,`reporter_id`);
--> statement-breakpoint
CREATE INDEX `message_report_status_idx` ON `message_report` (`status`,`created_at`);
--> statement-breakpoint
-- A person's emergency contact (someone without an account): name, E.164 phone, relation, an email if given.
CREATE TABLE `emergency_contact` (
	`user_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`relation` text NOT NULL,
	`email` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- An emergency raised during a job, and what the operators did with it.
CREATE TABLE `emergency_alert` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`raised_by` text NOT NULL,
	`side` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`created_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution_notes` text,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `emergency_alert_booking_idx` ON `emergency_alert` (`booking_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `emergency_alert_status_idx` ON `emergency_alert` (`status`,`created_at`);
--> statement-breakpoint
CREATE TRIGGER `live_emergency_alert` AFTER INSERT ON `emergency_alert`
BEGIN
  INSERT INTO `live_event` (`user_id`, `kind`, `booking_id`, `ref_id`, `at`)
    SELECT `client_id`, 'emergency', NEW.`booking_id`, NEW.`id`, NEW.`created_at` FROM `booking` WHERE `id` = NEW.`booking_id`
    UNION ALL
    SELECT `provider_id`, 'emergency', NEW.`booking_id`, NEW.`id`, NEW.`created_at` FROM `booking` WHERE `id` = NEW.`booking_id`;
END;
