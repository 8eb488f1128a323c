import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Currency } from '@handled/core/money';
import type { PriceSnapshot } from '@handled/core';
import { bookingStatuses } from '@handled/core/booking';
import { createdAt, id, instant, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { categories, providerProfiles } from './providers.ts';

/** The lifecycle's statuses, defined once by the state machine in core. */
export const bookingStatusValues = bookingStatuses;

export const paymentStatusValues = ['none', 'open', 'partially_paid', 'paid', 'failed', 'void', 'refunded'] as const;

export interface ServiceAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

export const bookings = sqliteTable(
  'booking',
  {
    id: id(),
    reference: text('reference').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => users.id),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    status: text('status', { enum: bookingStatusValues }).notNull(),
    paymentStatus: text('payment_status', { enum: paymentStatusValues }).notNull().default('none'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    /** The interval the booking blocks on the provider's calendar: the job widened by buffers. */
    blockStart: instant('block_start').notNull(),
    blockEnd: instant('block_end').notNull(),
    /** The provider's IANA zone when booked; times are shown in it (and the viewer's). */
    timeZone: text('time_zone').notNull(),
    address: text('address', { mode: 'json' }).$type<ServiceAddress>().notNull(),
    lat: integer('lat_e6'),
    lng: integer('lng_e6'),
    details: text('details').notNull(),
    specialRequirements: text('special_requirements').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    estimatedQuarterHours: integer('estimated_quarter_hours').notNull(),
    actualQuarterHours: integer('actual_quarter_hours'),
    currency: text('currency').$type<Currency>().notNull(),
    total: integer('total').notNull(),
    price: text('price', { mode: 'json' }).$type<PriceSnapshot>().notNull(),
    requiresUpfrontPayment: integer('requires_upfront_payment', { mode: 'boolean' }).notNull().default(true),
    cancellationPolicy: text('cancellation_policy', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    expiresAt: instant('expires_at'),
    cancelledBy: text('cancelled_by', { enum: ['client', 'provider', 'system', 'admin'] }),
    cancellationReason: text('cancellation_reason'),
    cancellationFee: integer('cancellation_fee'),
    declineReason: text('decline_reason'),
    onMyWayAt: instant('on_my_way_at'),
    startedAt: instant('started_at'),
    completedAt: instant('completed_at'),
    clientConfirmedAt: instant('client_confirmed_at'),
    completionNotes: text('completion_notes'),
    checklist: text('checklist', { mode: 'json' }).$type<{ item: string; done: boolean }[]>(),
    calcomBookingUid: text('calcom_booking_uid'),
    /** Optimistic concurrency: every write bumps it and checks the one read. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('booking_reference_uq').on(t.reference),
    // Covers the availability read (provider, blocked span, status, times) without touching the table.
    index('booking_provider_busy_idx').on(t.providerId, t.blockStart, t.blockEnd, t.status, t.startsAt, t.endsAt),
    index('booking_client_idx').on(t.clientId, t.startsAt),
    index('booking_status_idx').on(t.status),
  ],
);

/** The audit trail: one row per transition, read by dashboards and the bot as the timeline. */
export const bookingEvents = sqliteTable(
  'booking_event',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorKind: text('actor_kind', { enum: ['client', 'provider', 'system', 'admin'] }).notNull(),
    actorId: text('actor_id'),
    reason: text('reason'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: instant('at').notNull(),
  },
  (t) => [index('booking_event_booking_idx').on(t.bookingId, t.at)],
);

/** Proposed changes (new time, details, hours) waiting for the other side's answer. */
export const bookingChanges = sqliteTable(
  'booking_change',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    proposedBy: text('proposed_by').notNull(),
    startsAt: instant('starts_at'),
    estimatedQuarterHours: integer('estimated_quarter_hours'),
    details: text('details'),
    /** Why the change is proposed, shown to the other side. */
    note: text('note'),
    status: text('status', { enum: ['pending', 'accepted', 'rejected', 'withdrawn'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
    answeredAt: instant('answered_at'),
  },
  (t) => [index('booking_change_booking_idx').on(t.bookingId)],
);

export const attachments = sqliteTable(
  'attachment',
  {
    id: id(),
    bookingId: text('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    uploaderId: text('uploader_id')
      .notNull()
      .references(() => users.id),
    /**
     * before/after: the provider's job photos; problem: the client's photos of what needs doing, sent
     * with the request; receipt: the photo of a receipt for materials the provider bought for the job;
     * review: a client's photo on their review (public once the review is).
     */
    kind: text('kind', { enum: ['before', 'after', 'problem', 'message', 'profile', 'receipt', 'review'] }).notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    createdAt: createdAt(),
  },
  (t) => [index('attachment_booking_idx').on(t.bookingId)],
);

export const messages = sqliteTable(
  'message',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    senderId: text('sender_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    attachmentId: text('attachment_id').references(() => attachments.id),
    readAt: instant('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('message_booking_idx').on(t.bookingId, t.createdAt)],
);

/**
 * Reviews after a job, both ways and double-blind: the client's of the provider (stars, the four
 * sub-ratings, words, up to 4 photos — public once revealed) and the provider's of the client
 * (stars and words, seen by providers only). Neither is shown to anyone but its author until
 * `revealed_at`: the second review of the booking, or the end of the review window. `status`:
 * published (passed the automatic checks, or an operator published it), pending (held for an
 * operator: `flags` says why), hidden (an operator hid it; `hidden_reason` is shown to its author).
 */
export const reviews = sqliteTable(
  'review',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    subjectId: text('subject_id')
      .notNull()
      .references(() => users.id),
    direction: text('direction', { enum: ['client_to_provider', 'provider_to_client'] }).notNull(),
    rating: integer('rating').notNull(),
    /** Sub-ratings of a client's review, 1–5 each (null on the provider's review of a client). */
    quality: integer('quality'),
    punctuality: integer('punctuality'),
    communication: integer('communication'),
    value: integer('value'),
    body: text('body').notNull().default(''),
    /** Attachments (kind `review`) the client added, in order. */
    photoIds: text('photo_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** The provider's public response (one per review, editable). */
    response: text('response'),
    respondedAt: instant('responded_at'),
    status: text('status', { enum: ['published', 'pending', 'hidden'] })
      .notNull()
      .default('published'),
    /** What the automatic check found on submission (moderation flags). */
    flags: text('flags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    hiddenReason: text('hidden_reason'),
    revealedAt: instant('revealed_at'),
    editedAt: instant('edited_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('review_booking_direction_uq').on(t.bookingId, t.direction),
    index('review_subject_idx').on(t.subjectId, t.createdAt),
    index('review_status_idx').on(t.status, t.createdAt),
  ],
);

/** Someone on either side of a booking reporting a review to the operators (once per review each). */
export const reviewReports = sqliteTable(
  'review_report',
  {
    id: id(),
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    /** open until an operator publishes or hides the review. */
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('review_report_uq').on(t.reviewId, t.reporterId), index('review_report_status_idx').on(t.status)],
);
