import { and, asc, count, desc, eq, gte, inArray, like, lt, min, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '@handled/db';
import {
  attachments,
  auditLog,
  bookingEvents,
  bookings,
  categories,
  jobs,
  ledgerEntries,
  messages,
  notifications,
  payments,
  payouts,
  providerProfiles,
  refunds,
  reviewReports,
  reviews,
  sessions,
  telegramLinks,
  users,
  webhookEvents,
  invoices,
  providerReviews,
} from '@handled/db/schema';
import type { BookingStatus } from '@handled/core/booking';

/*
 * Reads and the few writes of the operator console (issue 18): search, a booking's and a person's
 * full records, suspension, sessions, the audit log filtered, the queues' counts and ages.
 */

const clientUser = alias(users, 'op_client');
const providerUser = alias(users, 'op_provider');

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (col: Parameters<typeof like>[0], q: string) => sql`${col} like ${`%${escapeLike(q)}%`} escape '\\'`;

export interface BookingSearch {
  q?: string | undefined;
  statuses?: BookingStatus[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

/** Bookings whose reference, client or provider (email, name, listing name) match; newest start first. */
export async function searchBookings(db: DbOrTx, s: BookingSearch) {
  const conds: SQL[] = [];
  const q = s.q?.trim();
  if (q)
    conds.push(
      or(
        contains(bookings.reference, q),
        contains(clientUser.email, q),
        contains(clientUser.name, q),
        contains(providerUser.email, q),
        contains(providerUser.name, q),
        contains(providerProfiles.displayName, q),
      )!,
    );
  if (s.statuses?.length) conds.push(inArray(bookings.status, s.statuses));
  if (s.from) conds.push(gte(bookings.startsAt, s.from));
  if (s.to) conds.push(lt(bookings.startsAt, s.to));
  return db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      paymentStatus: bookings.paymentStatus,
      startsAt: bookings.startsAt,
      timeZone: bookings.timeZone,
      total: sql<number>`json_extract(${bookings.price}, '$.total')`,
      currency: bookings.currency,
      clientId: clientUser.id,
      clientName: clientUser.name,
      clientEmail: clientUser.email,
      providerId: providerUser.id,
      providerName: providerProfiles.displayName,
      providerEmail: providerUser.email,
      category: categories.name,
    })
    .from(bookings)
    .innerJoin(clientUser, eq(clientUser.id, bookings.clientId))
    .innerJoin(providerUser, eq(providerUser.id, bookings.providerId))
    .innerJoin(providerProfiles, eq(providerProfiles.userId, bookings.providerId))
    .innerJoin(categories, eq(categories.id, bookings.categoryId))
    .where(and(...conds))
    .orderBy(desc(bookings.startsAt))
    .limit(s.limit);
}

/** People whose email or name (or listing name) match. */
export async function searchPeople(db: DbOrTx, q: string, limit: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      suspendedAt: users.suspendedAt,
      deletedAt: users.deletedAt,
      listingName: providerProfiles.displayName,
      listingStatus: providerProfiles.listingStatus,
    })
    .from(users)
    .leftJoin(providerProfiles, eq(providerProfiles.userId, users.id))
    .where(or(contains(users.email, q), contains(users.name, q), contains(providerProfiles.displayName, q)))
    .orderBy(asc(users.name))
    .limit(limit);
}

export async function personById(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ user: users, listing: providerProfiles })
    .from(users)
    .leftJoin(providerProfiles, eq(providerProfiles.userId, users.id))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function setSuspension(
  db: DbOrTx,
  userId: string,
  patch: { suspendedAt: Date | null; suspendedReason: string | null; at: Date },
) {
  await db
    .update(users)
    .set({ suspendedAt: patch.suspendedAt, suspendedReason: patch.suspendedReason, updatedAt: patch.at })
    .where(eq(users.id, userId));
}

export async function setEmailVerified(db: DbOrTx, userId: string, at: Date) {
  await db.update(users).set({ emailVerified: true, updatedAt: at }).where(eq(users.id, userId));
}

/** Signs the person out everywhere (site cookies and desk tokens alike are session rows). */
export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return gone.length;
}

export async function sessionsOf(db: DbOrTx, userId: string) {
  return db
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .limit(20);
}

export async function telegramLinkOf(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(telegramLinks).where(eq(telegramLinks.userId, userId)).limit(1);
  return row;
}

/** A person's bookings on either side, newest first. */
export async function bookingsOfPerson(db: DbOrTx, userId: string, limit: number) {
  return searchBookingsOf(db, or(eq(bookings.clientId, userId), eq(bookings.providerId, userId))!, limit);
}

async function searchBookingsOf(db: DbOrTx, where: SQL, limit: number) {
  return db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      startsAt: bookings.startsAt,
      clientId: bookings.clientId,
      providerId: bookings.providerId,
      total: sql<number>`json_extract(${bookings.price}, '$.total')`,
      currency: bookings.currency,
    })
    .from(bookings)
    .where(where)
    .orderBy(desc(bookings.startsAt))
    .limit(limit);
}

/** Bookings still open (not started) on the provider's side. */
export async function openBookingsOfProvider(db: DbOrTx, providerId: string, statuses: readonly BookingStatus[]) {
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.providerId, providerId), inArray(bookings.status, [...statuses])));
}

export async function paymentsOfPerson(db: DbOrTx, userId: string, limit: number) {
  return db
    .select({
      id: payments.id,
      bookingId: payments.bookingId,
      amount: payments.amount,
      refunded: payments.refunded,
      currency: payments.currency,
      status: payments.status,
      paidAt: payments.paidAt,
    })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .where(eq(bookings.clientId, userId))
    .orderBy(desc(payments.paidAt))
    .limit(limit);
}

export async function payoutsOfPerson(db: DbOrTx, providerId: string, limit: number) {
  return db.select().from(payouts).where(eq(payouts.providerId, providerId)).orderBy(desc(payouts.createdAt)).limit(limit);
}

export async function reviewsAbout(db: DbOrTx, userId: string, side: 'author' | 'subject', limit: number) {
  return db
    .select({
      id: reviews.id,
      bookingId: reviews.bookingId,
      direction: reviews.direction,
      rating: reviews.rating,
      body: reviews.body,
      status: reviews.status,
      createdAt: reviews.createdAt,
    })
    .from(reviews)
    .where(eq(side === 'author' ? reviews.authorId : reviews.subjectId, userId))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}

export async function ledgerRowsOfBooking(db: DbOrTx, bookingId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.bookingId, bookingId))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.txId));
}

export async function invoicesOf(db: DbOrTx, bookingId: string) {
  return db.select().from(invoices).where(eq(invoices.bookingId, bookingId)).orderBy(asc(invoices.createdAt));
}

export async function refundsOf(db: DbOrTx, bookingId: string) {
  return db.select().from(refunds).where(eq(refunds.bookingId, bookingId)).orderBy(asc(refunds.createdAt));
}

export async function paymentsOf(db: DbOrTx, bookingId: string) {
  return db.select().from(payments).where(eq(payments.bookingId, bookingId)).orderBy(asc(payments.paidAt));
}

export async function payoutsOf(db: DbOrTx, bookingId: string) {
  return db.select().from(payouts).where(eq(payouts.bookingId, bookingId));
}

export async function eventsOf(db: DbOrTx, bookingId: string) {
  return db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, bookingId)).orderBy(asc(bookingEvents.at));
}

export async function notificationsOfBooking(db: DbOrTx, bookingId: string) {
  return db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      channel: notifications.channel,
      template: notifications.template,
      title: notifications.title,
      status: notifications.status,
      sentAt: notifications.sentAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.bookingId, bookingId))
    .orderBy(asc(notifications.createdAt));
}

export async function messagesOfBooking(db: DbOrTx, bookingId: string) {
  return db
    .select({
      id: messages.id,
      senderId: messages.senderId,
      body: messages.body,
      attachmentId: messages.attachmentId,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.bookingId, bookingId))
    .orderBy(asc(messages.createdAt));
}

export async function countMessagesOf(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(messages).where(eq(messages.bookingId, bookingId));
  return row?.n ?? 0;
}

export async function attachmentsOfBooking(db: DbOrTx, bookingId: string) {
  return db
    .select({ id: attachments.id, kind: attachments.kind, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.bookingId, bookingId))
    .orderBy(asc(attachments.createdAt));
}

export interface AuditFilter {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  limit: number;
}

/** The audit log, newest first, filtered by subject, actor or action (a prefix, like `booking.`). */
export async function auditFiltered(db: DbOrTx, f: AuditFilter) {
  const conds: SQL[] = [];
  if (f.subjectType) conds.push(eq(auditLog.subjectType, f.subjectType));
  if (f.subjectId) conds.push(eq(auditLog.subjectId, f.subjectId));
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.action) conds.push(sql`${auditLog.action} like ${`${escapeLike(f.action)}%`} escape '\\'`);
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.at), desc(sql`rowid`))
    .limit(f.limit);
}

/** Audit rows about any of these subjects (a booking's page shows its own and its refunds'). */
export async function auditOfSubjects(db: DbOrTx, subjects: { type: string; id: string }[], limit: number) {
  if (subjects.length === 0) return [];
  return db
    .select()
    .from(auditLog)
    .where(or(...subjects.map((s) => and(eq(auditLog.subjectType, s.type), eq(auditLog.subjectId, s.id))!)))
    .orderBy(desc(auditLog.at), desc(sql`rowid`))
    .limit(limit);
}

/** Audit rows naming a booking in `after.bookingId` too (refunds and credits are their own subjects). */
export async function auditMentioningBooking(db: DbOrTx, bookingId: string, limit: number) {
  return db
    .select()
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.subjectType, 'booking'), eq(auditLog.subjectId, bookingId)),
        sql`json_extract(${auditLog.after}, '$.bookingId') = ${bookingId}`,
      ),
    )
    .orderBy(desc(auditLog.at), desc(sql`rowid`))
    .limit(limit);
}

/** A count and the oldest item's time, for the overview's queues. */
type Queue = { count: number; oldest: Date | null };
const queueOf = (row: { n: number; oldest: unknown } | undefined): Queue => ({
  count: Number(row?.n ?? 0),
  oldest: row?.oldest == null ? null : new Date(Number(row.oldest)),
});

export async function operatorQueues(db: DbOrTx, now: Date) {
  const [vet, flagged, reported, dead, failedHooks] = await Promise.all([
    db
      .select({ n: count(), oldest: min(providerProfiles.submittedAt) })
      .from(providerProfiles)
      .where(eq(providerProfiles.listingStatus, 'submitted')),
    db
      .select({ n: count(), oldest: min(reviews.createdAt) })
      .from(reviews)
      .where(eq(reviews.status, 'pending')),
    db
      .select({ n: count(), oldest: min(reviewReports.createdAt) })
      .from(reviewReports)
      .where(eq(reviewReports.status, 'open')),
    db
      .select({ n: count(), oldest: min(jobs.runAt) })
      .from(jobs)
      .where(or(inArray(jobs.status, ['failed', 'dead']), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now)))!),
    db
      .select({ n: count(), oldest: min(webhookEvents.receivedAt) })
      .from(webhookEvents)
      .where(eq(webhookEvents.status, 'failed')),
  ]);
  return {
    providersToVet: queueOf(vet[0]),
    reviewsFlagged: queueOf(flagged[0]),
    reviewReports: queueOf(reported[0]),
    stuckJobs: queueOf(dead[0]),
    failedWebhooks: queueOf(failedHooks[0]),
  };
}

/** Operators (admins and support), for the audit filter's "who". */
export async function operatorsList(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.role, ['admin', 'support']))
    .orderBy(asc(users.name));
}

/** The vetting decisions on a listing (the person's page shows them beside the audit). */
export async function vettingDecisionsOf(db: DbOrTx, providerId: string) {
  return db.select().from(providerReviews).where(eq(providerReviews.providerId, providerId)).orderBy(desc(providerReviews.at));
}

/** The `notify` jobs written for a booking (its notifications, by template), newest first. */
export async function notifyJobsOfBooking(db: DbOrTx, bookingId: string) {
  return db
    .select({ id: jobs.id, payload: jobs.payload, createdAt: jobs.createdAt })
    .from(jobs)
    .where(and(eq(jobs.type, 'notify'), sql`json_extract(${jobs.payload}, '$.bookingId') = ${bookingId}`))
    .orderBy(desc(jobs.createdAt), desc(jobs.id));
}

/** Sets a person's role (the support role given or taken), only from the role expected; the row after, or undefined. */
export async function setUserRole(db: DbOrTx, userId: string, from: 'client' | 'support', to: 'client' | 'support') {
  const [row] = await db
    .update(users)
    .set({ role: to })
    .where(and(eq(users.id, userId), eq(users.role, from)))
    .returning({ id: users.id, role: users.role });
  return row;
}
