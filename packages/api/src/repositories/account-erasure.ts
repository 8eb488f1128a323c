import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import {
  accounts,
  attachments,
  bookings,
  calendarConnections,
  disputes,
  externalBusy,
  favourites,
  invoices,
  messages,
  notificationPreferences,
  notifications,
  payouts,
  providerCategories,
  providerPhotos,
  providerProfiles,
  pushSubscriptions,
  savedAddresses,
  scheduleOverrides,
  schedules,
  sessions,
  telegramLinkCodes,
  telegramLinks,
  users,
  verifications,
} from '@handled/db/schema';

/** Statuses in which a booking still needs both people. */
const liveStatuses = ['requested', 'accepted', 'confirmed', 'in_progress', 'disputed'] as const;

/** A person's bookings that are not over: live ones, and completed jobs the client has not confirmed yet. */
export async function unfinishedBookingsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      startsAt: bookings.startsAt,
      timeZone: bookings.timeZone,
      side: sql<'client' | 'provider'>`case when ${bookings.clientId} = ${userId} then 'client' else 'provider' end`,
    })
    .from(bookings)
    .where(
      and(
        or(eq(bookings.clientId, userId), eq(bookings.providerId, userId)),
        or(inArray(bookings.status, [...liveStatuses]), and(eq(bookings.status, 'completed'), isNull(bookings.clientConfirmedAt))),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(10);
}

/** Invoices of the person's bookings (as the client) with money still to pay. */
export async function unpaidInvoicesOf(db: DbOrTx, clientId: string) {
  return db
    .select({ reference: bookings.reference, amountRemaining: invoices.amountRemaining, currency: invoices.currency })
    .from(invoices)
    .innerJoin(bookings, eq(bookings.id, invoices.bookingId))
    .where(and(eq(bookings.clientId, clientId), eq(invoices.status, 'open'), gt(invoices.amountRemaining, 0)))
    .limit(10);
}

/** A provider's payouts not settled yet: waiting to be sent, or money the provider owes back. */
export async function unsettledPayoutsOf(db: DbOrTx, providerId: string) {
  return db
    .select({
      reference: bookings.reference,
      status: payouts.status,
      amount: payouts.amount,
      amountOwed: payouts.amountOwed,
      currency: payouts.currency,
    })
    .from(payouts)
    .innerJoin(bookings, eq(bookings.id, payouts.bookingId))
    .where(
      and(eq(payouts.providerId, providerId), or(inArray(payouts.status, ['pending', 'scheduled', 'frozen']), gt(payouts.amountOwed, 0))),
    )
    .limit(10);
}

/** Card disputes still open on the person's bookings. */
export async function openDisputesOf(db: DbOrTx, userId: string) {
  return db
    .select({ reference: bookings.reference })
    .from(disputes)
    .innerJoin(bookings, eq(bookings.id, disputes.bookingId))
    .where(and(or(eq(bookings.clientId, userId), eq(bookings.providerId, userId)), isNull(disputes.closedAt)))
    .limit(10);
}

/** Files the person uploaded that go with them: photos of their home sent with requests or messages. */
export async function personalUploadsOf(db: DbOrTx, userId: string) {
  return db
    .select({ id: attachments.id, storageKey: attachments.storageKey, thumbKey: attachments.thumbKey })
    .from(attachments)
    .where(and(eq(attachments.uploaderId, userId), inArray(attachments.kind, ['problem', 'message', 'profile'])));
}

export async function providerPhotoUrlsOf(db: DbOrTx, providerId: string): Promise<string[]> {
  const [profile] = await db
    .select({ photoUrl: providerProfiles.photoUrl })
    .from(providerProfiles)
    .where(eq(providerProfiles.userId, providerId));
  const gallery = await db.select({ url: providerPhotos.url }).from(providerPhotos).where(eq(providerPhotos.providerId, providerId));
  return [...(profile?.photoUrl ? [profile.photoUrl] : []), ...gallery.map((g) => g.url)];
}

export interface Erasure {
  userId: string;
  /** The name the person went by, taken out of the notifications the other side kept. */
  formerName: string;
  /** What the person is called from now on, where their bookings and messages still show a name. */
  label: string;
  email: string;
  removedMessage: string;
  now: Date;
  uploadIds: string[];
}

/**
 * Erases a person in one transaction: the account row stays (bookings, invoices, payouts and the
 * ledger point at it) but carries no name, email, phone or photo; the ways to sign in, sessions,
 * links, addresses and preferences go; their bookings keep the town for tax but lose the street,
 * phone and description; their messages lose their text; a provider's listing is taken down and
 * emptied. Runs inside the caller's transaction.
 */
export async function erasePerson(tx: DbOrTx, e: Erasure): Promise<void> {
  const { userId, now } = e;
  await tx
    .update(users)
    .set({
      name: e.label,
      email: e.email,
      emailVerified: false,
      image: null,
      phone: null,
      alsoClient: false,
      deletedAt: now,
      updatedAt: now,
    })
    .where(eq(users.id, userId));
  await tx.delete(accounts).where(eq(accounts.userId, userId));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(verifications).where(eq(verifications.value, userId));
  await tx.delete(telegramLinks).where(eq(telegramLinks.userId, userId));
  await tx.delete(telegramLinkCodes).where(eq(telegramLinkCodes.userId, userId));
  await tx.delete(savedAddresses).where(eq(savedAddresses.userId, userId));
  await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  await tx.delete(notifications).where(eq(notifications.userId, userId));
  await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  await tx.delete(favourites).where(eq(favourites.clientId, userId));

  // Bookings they made keep what accounting needs (town, postcode and country for the tax) and the job's own record.
  await tx
    .update(bookings)
    .set({
      address: sql`json_object('line1', 'Address removed', 'city', json_extract(${bookings.address}, '$.city'), 'postalCode', json_extract(${bookings.address}, '$.postalCode'), 'country', json_extract(${bookings.address}, '$.country'))`,
      contactPhone: '',
      details: e.removedMessage,
      specialRequirements: '',
    })
    .where(eq(bookings.clientId, userId));

  if (e.uploadIds.length) {
    await tx.update(messages).set({ attachmentId: null }).where(inArray(messages.attachmentId, e.uploadIds));
    await tx.delete(attachments).where(inArray(attachments.id, e.uploadIds));
  }
  await tx.update(messages).set({ body: e.removedMessage }).where(eq(messages.senderId, userId));

  // The other side's notifications about shared bookings named the person.
  const shared = tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(or(eq(bookings.clientId, userId), eq(bookings.providerId, userId)));
  const first = e.formerName.split(' ')[0] ?? '';
  const scrub = (col: typeof notifications.title | typeof notifications.body) => {
    const full = sql`replace(${col}, ${e.formerName}, ${e.label})`;
    if (first.length < 2) return full;
    // The first name as a word: before a space, a possessive or punctuation ("with Quinn on", "Quinn's review").
    return [' ', "'", '’', ',', '.', '!', '?', ':', ';'].reduce(
      (acc, after) => sql`replace(${acc}, ${first + after}, ${e.label + after})`,
      full,
    );
  };
  await tx
    .update(notifications)
    .set({ title: scrub(notifications.title), body: scrub(notifications.body) })
    .where(inArray(notifications.bookingId, shared));

  // A provider's listing comes down and forgets its words and pictures; bookings keep the row they point at.
  await tx
    .update(providerProfiles)
    .set({
      displayName: e.label,
      slug: `former-${userId}`,
      headline: '',
      bio: '',
      photoUrl: null,
      active: false,
      listingStatus: 'suspended',
      reviewNote: 'The provider deleted their account.',
      updatedAt: now,
    })
    .where(eq(providerProfiles.userId, userId));
  await tx.delete(providerPhotos).where(eq(providerPhotos.providerId, userId));
  await tx.delete(providerCategories).where(eq(providerCategories.providerId, userId));
  await tx.delete(scheduleOverrides).where(eq(scheduleOverrides.providerId, userId));
  await tx.delete(schedules).where(eq(schedules.providerId, userId));
  await tx.delete(externalBusy).where(eq(externalBusy.providerId, userId));
  await tx.delete(calendarConnections).where(eq(calendarConnections.providerId, userId));
}
