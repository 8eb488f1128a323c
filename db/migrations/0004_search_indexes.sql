CREATE INDEX `provider_best_idx` ON `provider_profile` (("rating_avg" * "rating_count" + 2000) / ("rating_count" + 5) desc,`user_id`);--> statement-breakpoint
CREATE INDEX `provider_rating_order_idx` ON `provider_profile` ("rating_avg" desc,"rating_count" desc,`user_id`);--> statement-breakpoint
CREATE INDEX `provider_rate_order_idx` ON `provider_profile` (`hourly_rate`,`user_id`);