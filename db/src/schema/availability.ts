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
