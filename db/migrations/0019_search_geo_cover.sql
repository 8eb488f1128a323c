-- Search near a place: the latitude-band index also carries what the filters, the distance and
-- "best match" read (active, rating, rate, service radius, rank score, id), so it covers the scan.
DROP INDEX IF EXISTS `provider_geo_idx`;--> statement-breakpoint
CREATE INDEX `provider_geo_idx` ON `provider_profile` (`lat`,`lng`,`active`,`rating_avg`,`hourly_rate`,`service_radius_km`,`rank_score`,`user_id`);
