import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { preparedPerHandle, statementOf, type Db, type DbOrTx, type InStatement } from '@handled/db';
import { bookingEvents, bookings, categories, invoices, payments, providerProfiles, users } from '@handled/db/schema';

export type BookingRow = typeof bookings.$inferSelect;
export type NewBookingRow = typeof bookings.$inferInsert;
export type BookingEventRow = typeof bookingEvents.$inferSelect;
export type BookingStatus = BookingRow['status'];
export type InvoiceRow = typeof invoices.$inferSelect;

/** Statuses that hold the provider's time. */
export const blockingStatuses = ['requested', 'accepted', 'confirmed', 'in_progress'] as const;

export async function findBooking(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).limit(1);
  return row;
}

/** Blocking bookings of a provider whose blocked interval meets [from, to). */
export async function blockingBookingsBetween(db: DbOrTx, providerId: string, from: Date, to: Date) {
  return db
    .select({
      id: bookings.id,
      blockStart: bookings.blockStart,
      blockEnd: bookings.blockEnd,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.providerId, providerId),
        inArray(bookings.status, [...blockingStatuses]),
        lt(bookings.blockStart, to),
        gt(bookings.blockEnd, from),
      ),
    );
}

/**
 * A new booking and its first event as statements, built now (ids included) to run later in a
 * write transaction, the booking first (its event and photos refer to it).
 */
export function newBookingStatements(
  db: Db,
  booking: NewBookingRow & { id: string },
  event: typeof bookingEvents.$inferInsert & { id: string },
): InStatement[] {
  return [statementOf(db.insert(bookings).values(booking)), statementOf(db.insert(bookingEvents).values(event))];
}

/** The booking's payment status, as its invoices say (`whileNone`: only if nothing was invoiced before). */
export async function setPaymentStatus(
  db: DbOrTx,
  id: string,
  status: BookingRow['paymentStatus'],
  { whileNone = false }: { whileNone?: boolean } = {},
): Promise<void> {
  await db
    .update(bookings)
    .set({ paymentStatus: status })
    .where(whileNone ? and(eq(bookings.id, id), eq(bookings.paymentStatus, 'none')) : eq(bookings.id, id));
}

/** Updates a booking only if nobody changed it since it was read (its version). */
export async function updateBookingIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<NewBookingRow>,
): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(bookings.id, id), eq(bookings.version, version)))
    .returning();
  return row;
}

export async function insertBookingEvent(db: DbOrTx, event: typeof bookingEvents.$inferInsert): Promise<BookingEventRow> {
  const [row] = await db.insert(bookingEvents).values(event).returning();
  if (!row) throw new Error('Booking event insert returned nothing');
  return row;
}

/** A provider's reliability marks: bookings they cancelled, and no-shows their clients reported. */
export async function reliabilityMarksOf(db: DbOrTx, providerId: string): Promise<number> {
  const [cancelled] = await db
    .select({ n: sql<number>`count(*)` })
    .from(bookings)
    .where(and(eq(bookings.providerId, providerId), eq(bookings.cancelledBy, 'provider')));
  const [noShows] = await db
    .select({ n: sql<number>`count(*)` })
    .from(bookingEvents)
    .innerJoin(bookings, eq(bookings.id, bookingEvents.bookingId))
    .where(and(eq(bookings.providerId, providerId), eq(bookingEvents.toStatus, 'no_show'), eq(bookingEvents.actorKind, 'client')));
  return Number(cancelled?.n ?? 0) + Number(noShows?.n ?? 0);
}

/** Which of these booking ids exist. */
export async function existingBookingIds(db: DbOrTx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: bookings.id }).from(bookings).where(inArray(bookings.id, ids));
  return rows.map((r) => r.id);
}

/** The reference and currency of these bookings. */
export async function bookingReferences(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: bookings.id, reference: bookings.reference, currency: bookings.currency })
    .from(bookings)
    .where(inArray(bookings.id, ids));
}

export async function bookingEventById(db: DbOrTx, eventId: string): Promise<BookingEventRow | undefined> {
  const [row] = await db.select().from(bookingEvents).where(eq(bookingEvents.id, eventId)).limit(1);
  return row;
}

export async function timelineOf(db: DbOrTx, bookingId: string) {
  return timelineQuery(db).all({ bookingId });
}
const timelineQuery = preparedPerHandle((db) =>
  db
    .select()
    .from(bookingEvents)
    .where(eq(bookingEvents.bookingId, sql.placeholder('bookingId')))
    .orderBy(asc(bookingEvents.at))
    .prepare(),
);

/** Payments that brought money in (a refund is netted from its payment). */
const collectedStatuses = ['succeeded', 'partially_refunded', 'refunded'] as const;

/** What the client has paid for a booking, net of refunds, in minor units. */
export async function amountPaidFor(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db
    .select({ paid: sql<number>`coalesce(sum(${payments.amount} - ${payments.refunded}), 0)` })
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), inArray(payments.status, [...collectedStatuses])));
  return Number(row?.paid ?? 0);
}

/*
 * A booking with its parties: the client, the provider (profile, and their account's email) and the
 * category, joined once here for every screen, message and email that names them.
 */
const clientUser = alias(users, 'client_user');
const providerUser = alias(users, 'provider_user');
const latestInvoice = alias(invoices, 'latest_invoice');

const parties = {
  client: { id: clientUser.id, name: clientUser.name, email: clientUser.email, timeZone: clientUser.timeZone },
  provider: {
    id: providerProfiles.userId,
    slug: providerProfiles.slug,
    displayName: providerProfiles.displayName,
    photoUrl: providerProfiles.photoUrl,
    ratingAvg: providerProfiles.ratingAvg,
    ratingCount: providerProfiles.ratingCount,
    timeZone: providerProfiles.timeZone,
    city: providerProfiles.city,
    region: providerProfiles.region,
    country: providerProfiles.country,
    email: providerUser.email,
  },
  category: { id: categories.id, slug: categories.slug, name: categories.name },
};

/** Joins a select from bookings to the booking's parties (its fields may use `bookingParties`' columns). */
export function joinParties<Q extends SQLiteSelect>(query: Q) {
  return query
    .innerJoin(clientUser, eq(clientUser.id, bookings.clientId))
    .innerJoin(providerProfiles, eq(providerProfiles.userId, bookings.providerId))
    .innerJoin(providerUser, eq(providerUser.id, bookings.providerId))
    .innerJoin(categories, eq(categories.id, bookings.categoryId));
}
export const bookingParties = parties;

/**
 * One booking with its parties and its money — the latest invoice and what has been paid (net of
 * refunds) — in one query: the booking page, its conversation, its emails.
 */
export async function bookingWithParties(db: DbOrTx, bookingId: string) {
  const [row] = await withPartiesQuery(db).all({ bookingId });
  return row && { ...row, amountPaid: Number(row.amountPaid) };
}

/** `bookingWithParties`' query, built once per database handle (see `preparedPerHandle`). */
const withPartiesQuery = preparedPerHandle((db) => {
  const latestId = sql`(select ${invoices.id} from ${invoices} where ${invoices.bookingId} = ${bookings.id} order by ${invoices.createdAt} desc limit 1)`;
  const paid = sql<number>`(select coalesce(sum(${payments.amount} - ${payments.refunded}), 0) from ${payments} where ${payments.bookingId} = ${bookings.id} and ${inArray(payments.status, [...collectedStatuses])})`;
  return joinParties(
    db
      .select({ booking: bookings, ...parties, latestInvoice, amountPaid: paid })
      .from(bookings)
      .$dynamic(),
  )
    .leftJoin(latestInvoice, eq(latestInvoice.id, latestId))
    .where(eq(bookings.id, sql.placeholder('bookingId')))
    .limit(1)
    .prepare();
});
export type BookingWithParties = NonNullable<Awaited<ReturnType<typeof bookingWithParties>>>;

export interface BookingFilter {
  ids?: string[];
  clientId?: string;
  providerId?: string;
  statuses?: BookingStatus[];
  /** `upcoming`: not over yet at `now` (or under way); `past`: over; `all`. */
  scope?: 'upcoming' | 'past' | 'all';
}

/** Bookings with their parties for lists and calendars: soonest first (`past`: latest first), at most `limit`. */
export async function bookingsWithParties(db: DbOrTx, filter: BookingFilter, { now, limit = 200 }: { now?: Date; limit?: number } = {}) {
  if (filter.ids?.length === 0) return [];
  const conds: SQL[] = [];
  if (filter.ids) conds.push(inArray(bookings.id, filter.ids));
  if (filter.clientId) conds.push(eq(bookings.clientId, filter.clientId));
  if (filter.providerId) conds.push(eq(bookings.providerId, filter.providerId));
  if (filter.statuses?.length) conds.push(inArray(bookings.status, filter.statuses));
  if (filter.scope === 'upcoming' || filter.scope === 'past') {
    if (!now) throw new Error(`Bookings ${filter.scope} need the time now`);
    conds.push(filter.scope === 'upcoming' ? or(gte(bookings.endsAt, now), eq(bookings.status, 'in_progress'))! : lt(bookings.endsAt, now));
  }
  return joinParties(
    db
      .select({ booking: bookings, ...parties })
      .from(bookings)
      .$dynamic(),
  )
    .where(and(...conds))
    .orderBy(filter.scope === 'past' ? desc(bookings.startsAt) : asc(bookings.startsAt))
    .limit(limit);
}

/** The job's documentation while it is under way: the checklist as ticked and the notes so far (no status change, no version bump). */
export async function saveJobProgress(db: DbOrTx, id: string, patch: Pick<NewBookingRow, 'checklist' | 'completionNotes'>): Promise<void> {
  await db.update(bookings).set(patch).where(eq(bookings.id, id));
}
