CREATE TABLE `profile_view_day` (
	`provider_id` text NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`provider_id`, `day`),
	FOREIGN KEY (`provider_id`) REFERENCES `provider_profile`(`user_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_report` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`reporter_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_report_uq` ON `review_report` (`review_id`,`reporter_id`);--> statement-breakpoint
CREATE INDEX `review_report_status_idx` ON `review_report` (`status`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text,
	`actor_kind` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`reason` text,
	`before` text,
	`after` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_subject_idx` ON `audit_log` (`subject_type`,`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `setting_version` (
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`value` text NOT NULL,
	`actor_id` text,
	`reason` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`key`, `version`)
);
--> statement-breakpoint
DROP INDEX `provider_best_idx`;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `rank_score` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `quality_score` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `tier` text;--> statement-breakpoint
ALTER TABLE `provider_profile` ADD `response_minutes` integer;--> statement-breakpoint
CREATE INDEX `provider_best_idx` ON `provider_profile` ("rank_score" desc,`user_id`);--> statement-breakpoint
ALTER TABLE `review` ADD `quality` integer;--> statement-breakpoint
ALTER TABLE `review` ADD `punctuality` integer;--> statement-breakpoint
ALTER TABLE `review` ADD `communication` integer;--> statement-breakpoint
ALTER TABLE `review` ADD `value` integer;--> statement-breakpoint
ALTER TABLE `review` ADD `photo_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `review` ADD `flags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `review` ADD `hidden_reason` text;--> statement-breakpoint
ALTER TABLE `review` ADD `revealed_at` integer;--> statement-breakpoint
ALTER TABLE `review` ADD `edited_at` integer;--> statement-breakpoint
CREATE INDEX `review_status_idx` ON `review` (`status`,`created_at`);--> statement-breakpoint
-- Reviews written before the double-blind rule were published at once: they count as revealed then.
UPDATE `review` SET `revealed_at` = `created_at` WHERE `revealed_at` IS NULL;
--> statement-breakpoint
-- The audit log and the settings' versions are append-only.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `setting_version_no_update` BEFORE UPDATE ON `setting_version`
BEGIN
  SELECT RAISE(ABORT, 'setting_version is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `setting_version_no_delete` BEFORE DELETE ON `setting_version`
BEGIN
  SELECT RAISE(ABORT, 'setting_version is append-only');
END;
--> statement-breakpoint
-- The search version (migration 0009) moves with the new ranking and card columns too.
DROP TRIGGER `provider_profile_search_update`;
--> statement-breakpoint
CREATE TRIGGER `provider_profile_search_update` AFTER UPDATE OF `user_id`, `slug`, `display_name`, `headline`, `photo_url`, `hourly_rate`, `currency`, `city`, `time_zone`, `lat`, `lng`, `service_radius_km`, `rating_avg`, `rating_count`, `completed_jobs`, `active`, `rank_score`, `tier`, `response_minutes` ON `provider_profile`
WHEN OLD.`user_id` IS NOT NEW.`user_id` OR OLD.`slug` IS NOT NEW.`slug` OR OLD.`display_name` IS NOT NEW.`display_name` OR OLD.`headline` IS NOT NEW.`headline` OR OLD.`photo_url` IS NOT NEW.`photo_url` OR OLD.`hourly_rate` IS NOT NEW.`hourly_rate` OR OLD.`currency` IS NOT NEW.`currency` OR OLD.`city` IS NOT NEW.`city` OR OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`lat` IS NOT NEW.`lat` OR OLD.`lng` IS NOT NEW.`lng` OR OLD.`service_radius_km` IS NOT NEW.`service_radius_km` OR OLD.`rating_avg` IS NOT NEW.`rating_avg` OR OLD.`rating_count` IS NOT NEW.`rating_count` OR OLD.`completed_jobs` IS NOT NEW.`completed_jobs` OR OLD.`active` IS NOT NEW.`active` OR OLD.`rank_score` IS NOT NEW.`rank_score` OR OLD.`tier` IS NOT NEW.`tier` OR OLD.`response_minutes` IS NOT NEW.`response_minutes`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
