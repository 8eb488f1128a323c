import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Currency } from '@handled/core/money';
import { createdAt, id, instant } from './columns.ts';
import { bookings } from './bookings.ts';

/**
 * Digital receipts: a PDF per receipt-worthy event (a full payment, the confirmed completion),
 * stored privately and emailed to the client. The newest one of a booking is the one served.
 */
export const receipts = sqliteTable(
  'receipt',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    /** The booking event that asked for it; one receipt per event, so a retried job makes one. */
    eventId: text('event_id').notNull(),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['payment', 'final'] }).notNull(),
    storageKey: text('storage_key').notNull(),
    total: integer('total').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    emailedAt: instant('emailed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('receipt_event_uq').on(t.eventId), index('receipt_booking_idx').on(t.bookingId, t.createdAt)],
);
