import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant } from './columns.ts';

/**
 * Failed sign-ins counted per account and per client address (rate-limiter-flexible's Drizzle
 * store: key, points, expire). In the database, so every API process on one file shares them.
 */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: instant('expire'),
});

/** better-auth's own per-address limits (sign-up and the other auth endpoints), shared the same way. */
export const authRateLimits = sqliteTable(
  'auth_rate_limit',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
    lastRequest: integer('last_request').notNull(),
  },
  (t) => [uniqueIndex('auth_rate_limit_key_uq').on(t.key)],
);
