import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookingEvents, bookings, invoices, payments } from '@handled/db/schema';

export type BookingRow = typeof bookings.$inferSelect;
export type NewBookingRow = typeof bookings.$inferInsert;
export type BookingEventRow = typeof bookingEvents.$inferSelect;

/** Statuses that hold the provider's time. */
export const blockingStatuses = ['requested', 'accepted', 'confirmed', 'in_progress'] as const;

export async function findBooking(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).limit(1);
  return row;
}

/** Blocking bookings of a provider whose blocked interval meets [from, to). */
export async function blockingBookingsBetween(db: DbOrTx, providerId: string, from: Date, to: Date) {
  return db
    .select({ id: bookings.id, blockStart: bookings.blockStart, blockEnd: bookings.blockEnd, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
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

export async function bookingsOfClient(db: DbOrTx, clientId: string, scope: 'upcoming' | 'past' | 'all', now: Date) {
  const where =
    scope === 'upcoming'
      ? and(eq(bookings.clientId, clientId), gte(bookings.endsAt, now))
      : scope === 'past'
        ? and(eq(bookings.clientId, clientId), lt(bookings.endsAt, now))
        : eq(bookings.clientId, clientId);
  return db
    .select()
    .from(bookings)
    .where(where)
    .orderBy(scope === 'past' ? desc(bookings.startsAt) : asc(bookings.startsAt))
    .limit(200);
}

export async function bookingsOfProvider(
  db: DbOrTx,
  providerId: string,
  filter: { statuses?: BookingRow['status'][]; from?: Date },
) {
  const conds = [eq(bookings.providerId, providerId)];
  if (filter.statuses?.length) conds.push(inArray(bookings.status, filter.statuses));
  if (filter.from) conds.push(or(gte(bookings.endsAt, filter.from), eq(bookings.status, 'requested'))!);
  return db.select().from(bookings).where(and(...conds)).orderBy(asc(bookings.startsAt)).limit(200);
}

export async function insertBooking(db: DbOrTx, row: NewBookingRow): Promise<BookingRow> {
  const [inserted] = await db.insert(bookings).values(row).returning();
  if (!inserted) throw new Error('Booking insert returned nothing');
  return inserted;
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

export async function timelineOf(db: DbOrTx, bookingId: string) {
  return db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, bookingId)).orderBy(asc(bookingEvents.at));
}

export async function latestInvoiceOf(db: DbOrTx, bookingId: string) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(eq(invoices.bookingId, bookingId))
    .orderBy(desc(invoices.createdAt))
    .limit(1);
  return row;
}

/** What the client has paid for a booking, net of refunds, in minor units. */
export async function amountPaidFor(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db
    .select({ paid: sql<number>`coalesce(sum(${payments.amount} - ${payments.refunded}), 0)` })
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), inArray(payments.status, ['succeeded', 'partially_refunded', 'refunded'])));
  return Number(row?.paid ?? 0);
}
