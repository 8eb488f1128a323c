import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { updatedAt } from './columns.ts';

/**
 * A channel that stopped working for a person: a bounced or complained email address, an
 * undeliverable or STOPped phone number. The notification service skips it (and falls back to
 * another channel) while `address` is still the person's address.
 */
export const notificationChannelStates = sqliteTable(
  'notification_channel_state',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms', 'push'] }).notNull(),
    /** The address or number that failed: a new one works again. */
    address: text('address').notNull(),
    status: text('status', { enum: ['bounced', 'complained', 'undeliverable', 'stopped'] }).notNull(),
    reason: text('reason'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channel] }), index('notification_channel_state_address_idx').on(t.address)],
);
