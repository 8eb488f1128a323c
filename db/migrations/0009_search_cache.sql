CREATE TABLE `search_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- The search version (see db/src/schema/availability.ts), bumped in the writer's own transaction.
CREATE TRIGGER `provider_profile_search_insert` AFTER INSERT ON `provider_profile`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_profile_search_delete` AFTER DELETE ON `provider_profile`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_profile_search_update` AFTER UPDATE OF `user_id`, `slug`, `display_name`, `headline`, `photo_url`, `hourly_rate`, `currency`, `city`, `time_zone`, `lat`, `lng`, `service_radius_km`, `rating_avg`, `rating_count`, `completed_jobs`, `active` ON `provider_profile`
WHEN OLD.`user_id` IS NOT NEW.`user_id` OR OLD.`slug` IS NOT NEW.`slug` OR OLD.`display_name` IS NOT NEW.`display_name` OR OLD.`headline` IS NOT NEW.`headline` OR OLD.`photo_url` IS NOT NEW.`photo_url` OR OLD.`hourly_rate` IS NOT NEW.`hourly_rate` OR OLD.`currency` IS NOT NEW.`currency` OR OLD.`city` IS NOT NEW.`city` OR OLD.`time_zone` IS NOT NEW.`time_zone` OR OLD.`lat` IS NOT NEW.`lat` OR OLD.`lng` IS NOT NEW.`lng` OR OLD.`service_radius_km` IS NOT NEW.`service_radius_km` OR OLD.`rating_avg` IS NOT NEW.`rating_avg` OR OLD.`rating_count` IS NOT NEW.`rating_count` OR OLD.`completed_jobs` IS NOT NEW.`completed_jobs` OR OLD.`active` IS NOT NEW.`active`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_category_search_insert` AFTER INSERT ON `provider_category`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_category_search_update` AFTER UPDATE ON `provider_category`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `provider_category_search_delete` AFTER DELETE ON `provider_category`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `category_search_insert` AFTER INSERT ON `category`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `category_search_update` AFTER UPDATE ON `category`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `category_search_delete` AFTER DELETE ON `category`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_override_search_insert` AFTER INSERT ON `schedule_override`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_override_search_update` AFTER UPDATE ON `schedule_override`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_override_search_delete` AFTER DELETE ON `schedule_override`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_search_insert` AFTER INSERT ON `schedule`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_search_delete` AFTER DELETE ON `schedule`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_search_update` AFTER UPDATE OF `weekly`, `provider_id` ON `schedule`
WHEN OLD.`weekly` IS NOT NEW.`weekly` OR OLD.`provider_id` IS NOT NEW.`provider_id`
BEGIN
  INSERT INTO `search_version` (`id`, `version`) VALUES (1, 1) ON CONFLICT (`id`) DO UPDATE SET `version` = `version` + 1;
END;
