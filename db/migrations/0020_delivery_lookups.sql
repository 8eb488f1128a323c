-- Every delivery looks up whether a message already went out on each channel, and the person's
-- devices: both read far more than one person's rows without these. (This migration's snapshot
-- also records provider_geo_idx as 0019 made it by hand.)
CREATE INDEX `notification_key_idx` ON `notification` (`user_id`,`template`,`channel`);--> statement-breakpoint
CREATE INDEX `push_user_idx` ON `push_subscription` (`user_id`);
