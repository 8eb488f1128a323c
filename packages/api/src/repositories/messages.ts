import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookings, messages } from '@handled/db/schema';
import { bookingsWithParties, type BookingStatus } from './bookings.ts';

export type MessageRow = typeof messages.$inferSelect;

/** SQLite's insertion order: ties on created_at (same millisecond) still sort the way they were written. */
const seq = sql<number>`"message"."rowid"`;

/**
 * The caller's bookings as conversations, newest activity first: every booking that has messages,
 * plus those without any yet whose booking is still live (somewhere to start one). Each with its
 * parties, the newest message's id and how many the caller has not read.
 */
export async function conversationsOf(db: DbOrTx, userId: string, liveStatuses: readonly BookingStatus[], limit: number) {
  // Qualified by hand: drizzle leaves columns bare in a one-table select, and a bare "id" here would be the message's.
  const bookingId = sql`${bookings}."id"`;
  const lastAt = sql<number | null>`(select max(m.created_at) from message m where m.booking_id = ${bookingId})`;
  const lastId = sql<
    string | null
  >`(select m.id from message m where m.booking_id = ${bookingId} order by m.created_at desc, m.rowid desc limit 1)`;
  const unread = sql<number>`(select count(*) from message m where m.booking_id = ${bookingId} and m.sender_id <> ${userId} and m.read_at is null)`;
  const rows = await db
    .select({ bookingId: bookings.id, lastMessageId: lastId, unread })
    .from(bookings)
    .where(
      and(
        or(eq(bookings.clientId, userId), eq(bookings.providerId, userId)),
        or(sql`${lastAt} is not null`, inArray(bookings.status, [...liveStatuses])),
      ),
    )
    .orderBy(sql`coalesce(${lastAt}, ${bookings.createdAt}) desc`)
    .limit(limit);
  const parties = new Map((await bookingsWithParties(db, { ids: rows.map((r) => r.bookingId) }, { limit })).map((p) => [p.booking.id, p]));
  return rows.flatMap((r) => {
    const p = parties.get(r.bookingId);
    return p ? [{ ...p, lastMessageId: r.lastMessageId, unread: r.unread }] : [];
  });
}

export async function messagesByIds(db: DbOrTx, ids: string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(messages).where(inArray(messages.id, ids));
}

/** The newest `limit` messages of a booking (before a given message, for older pages), oldest first. */
export async function messagePage(db: DbOrTx, bookingId: string, limit: number, beforeId?: string) {
  const conds = [eq(messages.bookingId, bookingId)];
  if (beforeId) conds.push(sql`${seq} < (select rowid from message where id = ${beforeId} and booking_id = ${bookingId})`);
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conds))
    .orderBy(desc(seq))
    .limit(limit + 1);
  const hasOlder = rows.length > limit;
  return { rows: rows.slice(0, limit).reverse(), hasOlder };
}

export async function insertMessage(
  db: DbOrTx,
  row: { bookingId: string; senderId: string; body: string; createdAt: Date; attachmentId?: string },
): Promise<MessageRow> {
  const [inserted] = await db.insert(messages).values(row).returning();
  if (!inserted) throw new Error('Message insert returned nothing');
  return inserted;
}

/** How many messages this person wrote in this booking since a moment (a flood brake). */
export async function countSentSince(db: DbOrTx, bookingId: string, senderId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.bookingId, bookingId), eq(messages.senderId, senderId), sql`${messages.createdAt} >= ${since.getTime()}`));
  return row?.n ?? 0;
}

/** Marks the other side's messages in a booking read for this reader; returns how many changed. */
export async function markReadFor(db: DbOrTx, bookingId: string, readerId: string, at: Date): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ readAt: at })
    .where(and(eq(messages.bookingId, bookingId), ne(messages.senderId, readerId), isNull(messages.readAt)))
    .returning({ id: messages.id });
  return rows.length;
}

/** Messages waiting for this person across every booking they are a party to. */
export async function unreadFor(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .innerJoin(bookings, eq(bookings.id, messages.bookingId))
    .where(and(or(eq(bookings.clientId, userId), eq(bookings.providerId, userId)), ne(messages.senderId, userId), isNull(messages.readAt)));
  return row?.n ?? 0;
}

export const DIGEST_TEMPLATE = 'message.digest';

/**
 * Messages to this recipient that are still unread and were not in an earlier digest email:
 * those written after the last message an earlier digest covered (its id is in the template key).
 */
export async function undigestedUnread(db: DbOrTx, bookingId: string, recipientId: string): Promise<MessageRow[]> {
  const covered = sql`(select coalesce(max(m.rowid), 0) from message m where m.booking_id = ${bookingId} and m.id in (
    select substr(n.template, ${DIGEST_TEMPLATE.length + 2}) from notification n
    where n.user_id = ${recipientId} and n.booking_id = ${bookingId} and n.channel = 'in_app' and n.template like ${`${DIGEST_TEMPLATE}:%`}))`;
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.bookingId, bookingId), ne(messages.senderId, recipientId), isNull(messages.readAt), sql`${seq} > ${covered}`))
    .orderBy(asc(seq));
}

export async function findMessage(db: DbOrTx, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id)).limit(1);
  return row;
}
