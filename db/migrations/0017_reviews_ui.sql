-- "Top rated" ranks by the Bayesian average (five phantom reviews of 4.0), not the plain mean:
-- the order's index is on that expression, spelled as searchProviders spells it.
DROP INDEX IF EXISTS `provider_rating_order_idx`;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `provider_bayes_order_idx` ON `provider_profile` (((`rating_avg` * `rating_count` + 2000) * 1.0 / (`rating_count` + 5)) desc, `rating_count` desc, `user_id`);
