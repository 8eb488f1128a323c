import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, instant, updatedAt } from './columns.ts';

// Tables in the shape better-auth expects (user, session, account, verification), plus our fields.
export const users = sqliteTable(
  'user',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    emailVerified: bool('email_verified').notNull().default(false),
    image: text('image'),
    /** `support`: an operator who may look and act, but not change settings or refund above the limit (issue 18). */
    role: text('role', { enum: ['client', 'provider', 'admin', 'support'] })
      .notNull()
      .default('client'),
    phone: text('phone'),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The language notifications are written in, ISO 639-1 (@handled/core/notification-choices: en, es); migration 0018. */
    language: text('language').notNull().default('en'),
    /** A provider who also books as a client (a client account that applied to be a provider keeps booking). */
    alsoClient: bool('also_client').notNull().default(false),
    /** Set when the person deleted their account: the row stays, anonymised, for the bookings and ledger that keep it. */
    deletedAt: instant('deleted_at'),
    /** Set while an operator has suspended the person (migration 0015): no sign-in, hidden from search. */
    suspendedAt: instant('suspended_at'),
    suspendedReason: text('suspended_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('user_email_uq').on(t.email)],
);

export const sessions = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: instant('expires_at').notNull(),
    token: text('token').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('session_token_uq').on(t.token), index('session_user_idx').on(t.userId)],
);

export const accounts = sqliteTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: instant('access_token_expires_at'),
    refreshTokenExpiresAt: instant('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verifications = sqliteTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

/** Addresses a client keeps for booking (checked like the booking form's); at most one is the default. */
export const savedAddresses = sqliteTable(
  'saved_address',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    region: text('region'),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    isDefault: bool('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('saved_address_user_idx').on(t.userId, t.createdAt)],
);

/** One-time codes a signed-in user shows to the Telegram bot to link their chat. */
export const telegramLinkCodes = sqliteTable('telegram_link_code', {
  /** The SHA-256 of the code (hex), never the code itself. */
  code: text('code').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
  createdAt: createdAt(),
});

export const telegramLinks = sqliteTable(
  'telegram_link',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatId: text('chat_id').notNull(),
    username: text('username'),
    linkedAt: createdAt(),
  },
  (t) => [uniqueIndex('telegram_link_chat_uq').on(t.chatId)],
);
