import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant } from './columns.ts';
import { users } from './auth.ts';
import { categories, providerProfiles } from './providers.ts';
import { bookings, messages } from './bookings.ts';

/**
 * The change cursor behind live updates: one row per person a change concerns, written by triggers
 * (migration 0014) in the same transaction as the change — a message, a read receipt, a booking's
 * update, event, proposed change or invoice, an enquiry's message, an emergency alert. Every API process reads
 * it, so a subscriber hears of a change whichever process wrote it; `seq` is the SSE event id.
 */
export const liveEvents = sqliteTable(
  'live_event',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['message', 'read', 'booking', 'enquiry', 'emergency'] }).notNull(),
    bookingId: text('booking_id'),
    refId: text('ref_id'),
    at: instant('at').notNull(),
  },
  (t) => [index('live_event_user_idx').on(t.userId, t.seq)],
);

/** A client's question to a provider before any booking: one conversation per client and provider. */
export const enquiries = sqliteTable(
  'enquiry',
  {
    id: id(),
    clientId: text('client_id')
      .notNull()
      .references(() => users.id),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId),
    categoryId: text('category_id').references(() => categories.id),
    createdAt: createdAt(),
    lastMessageAt: instant('last_message_at').notNull(),
  },
  (t) => [uniqueIndex('enquiry_pair_uq').on(t.clientId, t.providerId), index('enquiry_provider_idx').on(t.providerId, t.lastMessageAt)],
);

export const enquiryMessages = sqliteTable(
  'enquiry_message',
  {
    id: id(),
    enquiryId: text('enquiry_id')
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    senderId: text('sender_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    readAt: instant('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('enquiry_message_enquiry_idx').on(t.enquiryId, t.createdAt)],
);

/** A message someone reported to the operators; one report per person and message. */
export const messageReports = sqliteTable(
  'message_report',
  {
    id: id(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'reviewed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    reviewedAt: instant('reviewed_at'),
    reviewedBy: text('reviewed_by'),
    reviewNote: text('review_note'),
  },
  (t) => [
    uniqueIndex('message_report_once_uq').on(t.messageId, t.reporterId),
    index('message_report_status_idx').on(t.status, t.createdAt),
  ],
);

/** A person's emergency contact (someone without an account): told by SMS when they raise an alert. */
export const emergencyContacts = sqliteTable('emergency_contact', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** E.164. */
  phone: text('phone').notNull(),
  relation: text('relation').notNull(),
  email: text('email'),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * An emergency raised by one side of a job under way (on my way, in progress): the other side, the
 * person's emergency contact and the operators are told at once; operators acknowledge and resolve it.
 * The contact is copied as it was when the alert was raised.
 */
export const emergencyAlerts = sqliteTable(
  'emergency_alert',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    raisedBy: text('raised_by')
      .notNull()
      .references(() => users.id),
    side: text('side', { enum: ['client', 'provider'] }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] })
      .notNull()
      .default('open'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    createdAt: createdAt(),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: instant('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolutionNotes: text('resolution_notes'),
  },
  (t) => [index('emergency_alert_booking_idx').on(t.bookingId, t.createdAt), index('emergency_alert_status_idx').on(t.status, t.createdAt)],
);
