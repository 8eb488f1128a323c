CREATE TABLE `availability_version` (
	`provider_id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX `external_busy_range_idx`;--> statement-breakpoint
CREATE INDEX `external_busy_span_idx` ON `external_busy` (`provider_id`,`starts_at`,`ends_at`);--> statement-breakpoint
DROP INDEX `booking_provider_block_idx`;--> statement-breakpoint
CREATE INDEX `booking_provider_busy_idx` ON `booking` (`provider_id`,`block_start`,`block_end`,`status`,`starts_at`,`ends_at`);--> statement-breakpoint
-- The availability version (see db/src/schema/availability.ts): bumped in the writer's own
-- transaction by these triggers, so no code path that changes a provider's free time can forget it.
CREATE TRIGGER `booking_availability_insert` AFTER INSERT ON `booking`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `booking_availability_delete` AFTER DELETE ON `booking`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `booking_availability_update` AFTER UPDATE OF `provider_id`, `status`, `starts_at`, `ends_at`, `block_start`, `block_end` ON `booking`
WHEN OLD.`provider_id` IS NOT NEW.`provider_id` OR OLD.`status` IS NOT NEW.`status` OR OLD.`starts_at` IS NOT NEW.`starts_at` OR OLD.`ends_at` IS NOT NEW.`ends_at` OR OLD.`block_start` IS NOT NEW.`block_start` OR OLD.`block_end` IS NOT NEW.`block_end`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_availability_insert` AFTER INSERT ON `schedule`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_availability_update` AFTER UPDATE ON `schedule`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_availability_delete` AFTER DELETE ON `schedule`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_override_availability_insert` AFTER INSERT ON `schedule_override`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_override_availability_update` AFTER UPDATE ON `schedule_override`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_override_availability_delete` AFTER DELETE ON `schedule_override`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `external_busy_availability_insert` AFTER INSERT ON `external_busy`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `external_busy_availability_delete` AFTER DELETE ON `external_busy`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `external_busy_availability_update` AFTER UPDATE OF `provider_id`, `starts_at`, `ends_at` ON `external_busy`
WHEN OLD.`provider_id` IS NOT NEW.`provider_id` OR OLD.`starts_at` IS NOT NEW.`starts_at` OR OLD.`ends_at` IS NOT NEW.`ends_at`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_connection_availability_insert` AFTER INSERT ON `calendar_connection`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_connection_availability_delete` AFTER DELETE ON `calendar_connection`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_connection_availability_update` AFTER UPDATE OF `status`, `last_synced_at` ON `calendar_connection`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`last_synced_at` IS NOT NEW.`last_synced_at`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`provider_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_profile_availability_update` AFTER UPDATE OF `time_zone`, `active`, `slug` ON `provider_profile`
WHEN OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`active` IS NOT NEW.`active` OR OLD.`slug` IS NOT NEW.`slug`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (NEW.`user_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_profile_availability_delete` AFTER DELETE ON `provider_profile`
BEGIN
  INSERT INTO `availability_version` (`provider_id`, `version`) VALUES (OLD.`user_id`, 1) ON CONFLICT (`provider_id`) DO UPDATE SET `version` = `version` + 1;
END;
