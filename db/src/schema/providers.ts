import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Currency } from '@handled/core/money';
import { bool, createdAt, id, instant, updatedAt } from './columns.ts';
import { users } from './auth.ts';

export const categories = sqliteTable(
  'category',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    icon: text('icon').notNull().default('wrench'),
    /** Quality checklist items the provider ticks before completing a job in this category. */
    checklist: text('checklist', { mode: 'json' }).$type<string[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('category_slug_uq').on(t.slug)],
);

export const providerProfiles = sqliteTable(
  'provider_profile',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    displayName: text('display_name').notNull(),
    headline: text('headline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    photoUrl: text('photo_url'),
    hourlyRate: integer('hourly_rate').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    city: text('city').notNull(),
    region: text('region').notNull().default(''),
    country: text('country').notNull(),
    postalCode: text('postal_code').notNull().default(''),
    timeZone: text('time_zone').notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    serviceRadiusKm: real('service_radius_km').notNull().default(15),
    /** Average rating in hundredths (4.87 -> 487), kept in step with published reviews. */
    ratingAvg: integer('rating_avg').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    completedJobs: integer('completed_jobs').notNull().default(0),
    /** Marks on the provider's reliability: bookings they cancelled or missed (a quality signal for ranking). */
    reliabilityMarks: integer('reliability_marks').notNull().default(0),
    /**
     * The best-match score without distance, in hundredths of a point (core's `staticScore`), and
     * the quality score (0–100) with its tier: recomputed by the `provider.reputation` job.
     */
    rankScore: integer('rank_score').notNull().default(0),
    qualityScore: integer('quality_score').notNull().default(0),
    tier: text('tier', { enum: ['top_pro', 'rising_pro'] }),
    /** Median minutes from a request to the provider's answer (null before any answer). */
    responseMinutes: integer('response_minutes'),
    taxBps: integer('tax_bps').notNull().default(0),
    requiresUpfrontPayment: bool('requires_upfront_payment').notNull().default(true),
    depositBps: integer('deposit_bps').notNull().default(10_000),
    cancellationPolicy: text('cancellation_policy', { enum: ['flexible', 'moderate', 'strict'] })
      .notNull()
      .default('flexible'),
    calendarMode: text('calendar_mode', { enum: ['app', 'calcom'] })
      .notNull()
      .default('app'),
    stripeAccountId: text('stripe_account_id'),
    chargesEnabled: bool('charges_enabled').notNull().default(false),
    payoutsEnabled: bool('payouts_enabled').notNull().default(false),
    payoutSchedule: text('payout_schedule', { enum: ['asap', 'weekly', 'monthly'] })
      .notNull()
      .default('asap'),
    /** Connect readiness as last read from Stripe (`account.updated`). */
    detailsSubmitted: bool('details_submitted').notNull().default(false),
    requirementsDue: text('requirements_due', { mode: 'json' }).$type<string[]>().notNull().default([]),
    disabledReason: text('disabled_reason'),
    /** Listed in search: the required onboarding steps are done and an operator approved the listing. */
    active: bool('active').notNull().default(true),
    /**
     * Where the listing stands with the operators: onboarding (the provider is setting it up),
     * submitted (waiting in the vetting queue), changes_requested (sent back with `reviewNote`),
     * approved, suspended.
     */
    listingStatus: text('listing_status', { enum: ['onboarding', 'submitted', 'changes_requested', 'approved', 'suspended'] })
      .notNull()
      .default('approved'),
    /** The operator's reason when a listing is sent back or suspended; the provider sees it. */
    reviewNote: text('review_note'),
    submittedAt: instant('submitted_at'),
    reviewedAt: instant('reviewed_at'),
    reviewedBy: text('reviewed_by'),
    /** ISO 639-1 codes of the languages the provider works in. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(['en']),
    /** The tax region chosen in onboarding (core's taxRegions); '' until chosen. `taxBps` follows it. */
    taxRegion: text('tax_region').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('provider_slug_uq').on(t.slug),
    // Search near a place walks the latitude band; the index carries every column the filters, the
    // distance and "best match" read, so a city's thousands of rows are checked without a table read
    // each (London at 50,000 providers: ~17 ms → ~2 ms in scripts/bench/search.bench.ts).
    index('provider_geo_idx').on(t.lat, t.lng, t.active, t.ratingAvg, t.hourlyRate, t.serviceRadiusKm, t.rankScore, t.userId),
    index('provider_rating_idx').on(t.ratingAvg),
    index('provider_rate_idx').on(t.hourlyRate),
    // Search orders (measured at 50,000 providers in scripts/bench/search.bench.ts): each sort
    // walks its index and stops at the page instead of sorting every match.
    index('provider_best_idx').on(sql`${t.rankScore} desc`, t.userId),
    // "Top rated" orders by the Bayesian average (core's reputation/ranking.ts: five phantom 4.0
    // reviews), so one 5★ review does not outrank fifty at 4.9; the query must spell it the same way.
    index('provider_bayes_order_idx').on(
      sql`((${t.ratingAvg} * ${t.ratingCount} + 2000) * 1.0 / (${t.ratingCount} + 5)) desc`,
      sql`${t.ratingCount} desc`,
      t.userId,
    ),
    index('provider_rate_order_idx').on(t.hourlyRate, t.userId),
  ],
);

export const providerCategories = sqliteTable(
  'provider_category',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    /** The hourly rate for this service where it differs from the provider's own (minor units, the provider's currency). */
    hourlyRate: integer('hourly_rate'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.categoryId] }), index('provider_category_cat_idx').on(t.categoryId)],
);

/** Every step of a listing's vetting, oldest first: the provider's submissions and the operators' decisions. */
export const providerReviews = sqliteTable(
  'provider_review',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    action: text('action', { enum: ['applied', 'submitted', 'approved', 'changes_requested', 'suspended', 'reinstated'] }).notNull(),
    note: text('note'),
    actorId: text('actor_id'),
    at: instant('at').notNull(),
  },
  (t) => [index('provider_review_provider_idx').on(t.providerId, t.at)],
);

export const providerPhotos = sqliteTable(
  'provider_photo',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    caption: text('caption').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('provider_photo_provider_idx').on(t.providerId)],
);

export interface TimeRange {
  start: string;
  end: string;
}
export type WeeklyHours = Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', TimeRange[]>;

/** A provider's working rules, in the provider's IANA zone. */
export const schedules = sqliteTable('schedule', {
  providerId: text('provider_id')
    .primaryKey()
    .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
  timeZone: text('time_zone').notNull(),
  weekly: text('weekly', { mode: 'json' }).$type<WeeklyHours>().notNull(),
  bufferBeforeMin: integer('buffer_before_min').notNull().default(0),
  bufferAfterMin: integer('buffer_after_min').notNull().default(30),
  minNoticeMin: integer('min_notice_min').notNull().default(120),
  horizonDays: integer('horizon_days').notNull().default(60),
  slotIntervalMin: integer('slot_interval_min').notNull().default(30),
  maxJobsPerDay: integer('max_jobs_per_day'),
  maxJobsPerWeek: integer('max_jobs_per_week'),
  updatedAt: updatedAt(),
});

export const scheduleOverrides = sqliteTable(
  'schedule_override',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    /** Local date in the provider's zone, YYYY-MM-DD. */
    date: text('date').notNull(),
    ranges: text('ranges', { mode: 'json' }).$type<TimeRange[]>().notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('schedule_override_uq').on(t.providerId, t.date)],
);

/** How a provider settled a clash between a Cal.com busy block and a booking here. */
export const calendarConflictResolutions = sqliteTable(
  'calendar_conflict_resolution',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    bookingId: text('booking_id').notNull(),
    /** `external_busy.external_id` of the Cal.com side. */
    externalId: text('external_id').notNull(),
    action: text('action', { enum: ['keep_ours', 'cancel_ours', 'dismiss'] }).notNull(),
    resolvedAt: instant('resolved_at').notNull(),
  },
  (t) => [uniqueIndex('calendar_conflict_resolution_uq').on(t.bookingId, t.externalId)],
);

/** Busy blocks pulled from a provider's outside calendar (Cal.com). */
export const externalBusy = sqliteTable(
  'external_busy',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    source: text('source', { enum: ['calcom'] }).notNull(),
    externalId: text('external_id').notNull(),
    title: text('title').notNull().default('Busy'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    syncedAt: instant('synced_at').notNull(),
  },
  (t) => [
    uniqueIndex('external_busy_uq').on(t.providerId, t.source, t.externalId),
    // Covers the availability read: a provider's busy spans by start, with their ends.
    index('external_busy_span_idx').on(t.providerId, t.startsAt, t.endsAt),
  ],
);

/** A provider's link to their Cal.com account; secrets are encrypted at rest (AES-GCM). */
export const calendarConnections = sqliteTable('calendar_connection', {
  providerId: text('provider_id')
    .primaryKey()
    .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['oauth', 'api_key'] }).notNull(),
  encryptedAccessToken: text('encrypted_access_token').notNull(),
  encryptedRefreshToken: text('encrypted_refresh_token'),
  accessTokenExpiresAt: instant('access_token_expires_at'),
  eventTypeId: integer('event_type_id'),
  username: text('username'),
  /** The Cal.com account behind the token: webhooks name their organizer by it. */
  calcomUserId: integer('calcom_user_id'),
  calcomEmail: text('calcom_email'),
  webhookId: text('webhook_id'),
  status: text('status', { enum: ['connected', 'error', 'disconnected'] })
    .notNull()
    .default('connected'),
  lastSyncedAt: instant('last_synced_at'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const favourites = sqliteTable(
  'favourite',
  {
    clientId: text('client_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.providerId] })],
);

/** Profile views per provider and day (UTC): a count, with nothing about who looked. */
export const profileViews = sqliteTable(
  'profile_view_day',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId, { onDelete: 'cascade' }),
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.day] })],
);
