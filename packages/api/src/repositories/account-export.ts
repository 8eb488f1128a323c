import { asc, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { invoices, messages, providerPhotos, providerProfiles, reviews, telegramLinks } from '@handled/db/schema';

/** Every message in the person's conversations (theirs and the other side's), oldest first. */
export async function messagesInBookings(db: DbOrTx, bookingIds: string[]) {
  if (!bookingIds.length) return [];
  return db
    .select({
      bookingId: messages.bookingId,
      senderId: messages.senderId,
      body: messages.body,
      createdAt: messages.createdAt,
      readAt: messages.readAt,
    })
    .from(messages)
    .where(inArray(messages.bookingId, bookingIds))
    .orderBy(asc(messages.createdAt));
}

/** Reviews the person wrote and reviews written about them. */
export async function reviewsByOrAbout(db: DbOrTx, userId: string) {
  return db
    .select({
      bookingId: reviews.bookingId,
      authorId: reviews.authorId,
      subjectId: reviews.subjectId,
      direction: reviews.direction,
      rating: reviews.rating,
      body: reviews.body,
      response: reviews.response,
      status: reviews.status,
      createdAt: reviews.createdAt,
    })
    .from(reviews)
    .where(or(eq(reviews.authorId, userId), eq(reviews.subjectId, userId)))
    .orderBy(asc(reviews.createdAt));
}

export async function invoicesOfBookings(db: DbOrTx, bookingIds: string[]) {
  if (!bookingIds.length) return [];
  return db
    .select({
      bookingId: invoices.bookingId,
      number: invoices.number,
      status: invoices.status,
      total: invoices.total,
      amountPaid: invoices.amountPaid,
      amountRemaining: invoices.amountRemaining,
      currency: invoices.currency,
      dueAt: invoices.dueAt,
      paidAt: invoices.paidAt,
    })
    .from(invoices)
    .where(inArray(invoices.bookingId, bookingIds))
    .orderBy(asc(invoices.createdAt));
}

/** A provider's listing as it stands, with its services and gallery. */
export async function listingForExport(db: DbOrTx, providerId: string) {
  const [profile] = await db.select().from(providerProfiles).where(eq(providerProfiles.userId, providerId));
  if (!profile) return null;
  const gallery = await db
    .select({ url: providerPhotos.url, caption: providerPhotos.caption })
    .from(providerPhotos)
    .where(eq(providerPhotos.providerId, providerId));
  return { profile, gallery };
}

export async function telegramUsernameOf(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ username: telegramLinks.username, linkedAt: telegramLinks.linkedAt })
    .from(telegramLinks)
    .where(eq(telegramLinks.userId, userId));
  return row ?? null;
}
