import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, id, instant, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { bookings } from './bookings.ts';

/**
 * The transactional outbox and job queue: side effects are rows written in the same transaction
 * as the state change, claimed by workers with a lease, retried with backoff, deduplicated by key.
 */
export const jobs = sqliteTable(
  'job',
  {
    id: id(),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['pending', 'running', 'done', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lockedBy: text('locked_by'),
    lockedUntil: instant('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('job_idempotency_uq').on(t.idempotencyKey), index('job_ready_idx').on(t.status, t.runAt)],
);

/** Webhooks are stored once by (source, event id), then processed by a job. */
export const webhookEvents = sqliteTable(
  'webhook_event',
  {
    id: id(),
    source: text('source', { enum: ['stripe', 'calcom', 'telegram', 'twilio'] }).notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['received', 'processed', 'failed', 'ignored'] })
      .notNull()
      .default('received'),
    error: text('error'),
    receivedAt: createdAt(),
    processedAt: instant('processed_at'),
  },
  (t) => [uniqueIndex('webhook_event_uq').on(t.source, t.eventId)],
);

export const notifications = sqliteTable(
  'notification',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bookingId: text('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['in_app', 'email', 'sms', 'push', 'telegram'] }).notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    externalId: text('external_id'),
    /** What the provider last reported for this send (Resend / Twilio webhooks): delivered, bounced, undelivered, … */
    deliveryStatus: text('delivery_status'),
    deliveryUpdatedAt: instant('delivery_updated_at'),
    readAt: instant('read_at'),
    sentAt: instant('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notification_user_idx').on(t.userId, t.createdAt),
    index('notification_external_idx').on(t.externalId),
    // Whether a message already went out on a channel (one lookup per channel per delivery): without
    // it each lookup read every notification the person ever had.
    index('notification_key_idx').on(t.userId, t.template, t.channel),
  ],
);

export const notificationPreferences = sqliteTable('notification_preference', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  email: bool('email').notNull().default(true),
  sms: bool('sms').notNull().default(true),
  push: bool('push').notNull().default(true),
  telegram: bool('telegram').notNull().default(true),
  /** The person's choices per event group and channel (core's notification-choices): `{ bookings: { email: true, … }, … }`. */
  choices: text('choices', { mode: 'json' }).$type<Record<string, Record<string, boolean>>>().notNull().default({}),
  quietHoursStart: text('quiet_hours_start'),
  quietHoursEnd: text('quiet_hours_end'),
  /** When the person agreed to text messages (set in /account; withdrawn by replying STOP). */
  smsConsentAt: instant('sms_consent_at'),
  updatedAt: updatedAt(),
});

export const pushSubscriptions = sqliteTable(
  'push_subscription',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
  },
  // A person's devices are read for every notification they get.
  (t) => [uniqueIndex('push_endpoint_uq').on(t.endpoint), index('push_user_idx').on(t.userId)],
);

/**
 * Who did what and why, for operators: moderation of reviews, settings changes, and (issue 18) the
 * operator console's actions. Append-only: triggers (migration 0012) refuse updates and deletes.
 * `before`/`after` hold the subject's relevant fields around the action.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    /** The person who acted; null for the system. */
    actorId: text('actor_id'),
    actorKind: text('actor_kind', { enum: ['admin', 'user', 'system'] }).notNull(),
    /** Dotted, like `review.hide` or `setting.update`. */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    reason: text('reason'),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: instant('at').notNull(),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.at), index('audit_log_at_idx').on(t.at)],
);

/**
 * Operator settings, versioned: each change is a new row (key, version) and the newest version is
 * in force. Append-only like the audit log (every change is also audited there).
 */
export const settingVersions = sqliteTable(
  'setting_version',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    value: text('value', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    actorId: text('actor_id'),
    reason: text('reason').notNull().default(''),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.version] })],
);
