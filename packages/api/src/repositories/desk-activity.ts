import { and, asc, eq, gt, isNull, ne, notLike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookings, messages, notifications, users } from '@handled/db/schema';
import { DIGEST_TEMPLATE } from './messages.ts';

/** The in-app notices written for this person after `since` (message digests left out: messages come one by one). */
export async function inAppNoticesSince(db: DbOrTx, userId: string, since: Date, limit: number) {
  return db
    .select({
      id: notifications.id,
      bookingId: notifications.bookingId,
      template: notifications.template,
      title: notifications.title,
      body: notifications.body,
      at: notifications.createdAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.channel, 'in_app'),
        gt(notifications.createdAt, since),
        notLike(notifications.template, `${DIGEST_TEMPLATE}:%`),
      ),
    )
    .orderBy(asc(notifications.createdAt))
    .limit(limit);
}

/** Messages to this person (in any booking they are a party to), unread, written after `since`, with the sender's name. */
export async function unreadMessagesSince(db: DbOrTx, userId: string, since: Date, limit: number) {
  return db
    .select({ id: messages.id, bookingId: messages.bookingId, body: messages.body, at: messages.createdAt, senderName: users.name })
    .from(messages)
    .innerJoin(bookings, eq(bookings.id, messages.bookingId))
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(
      and(
        or(eq(bookings.clientId, userId), eq(bookings.providerId, userId)),
        ne(messages.senderId, userId),
        isNull(messages.readAt),
        gt(messages.createdAt, since),
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(limit);
}

/** Requests waiting for this provider's answer that have not expired. */
export async function openRequestCount(db: DbOrTx, providerId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(bookings)
    .where(
      and(
        eq(bookings.providerId, providerId),
        eq(bookings.status, 'requested'),
        or(isNull(bookings.expiresAt), gt(bookings.expiresAt, now)),
      ),
    );
  return Number(row?.n ?? 0);
}
