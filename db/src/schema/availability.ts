import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One counter per provider, bumped by triggers (migration 0008) in the same transaction as any
 * change to what their free slots are made of: bookings (time, status, provider), weekly hours and
 * rules, date overrides, Cal.com busy blocks, the Cal.com connection, and the profile's zone,
 * slug and active flag. An availability cache keyed by it (packages/api services/availability-cache.ts)
 * checks it with one primary-key read on every hit, in any process. No row means version 0.
 */
export const availabilityVersions = sqliteTable('availability_version', {
  providerId: text('provider_id').primaryKey(),
  version: integer('version').notNull().default(0),
});

/**
 * One counter for the whole catalogue as search sees it, bumped by triggers (migration 0009) with
 * every change to what a search filters, sorts or shows: a provider's listing columns, their
 * categories, the categories, weekly hours and date overrides (the "works on" filter). Bookings do
 * not move it — a card's free times are checked per provider against `availability_version`. A
 * cached page of results (packages/api services/discovery/page-cache.ts) is used only while it is
 * unchanged. One row (id 1); no row means 0.
 */
export const searchVersion = sqliteTable('search_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
});
