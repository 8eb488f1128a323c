import { and, asc, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '@handled/db';
import { bookings, categories, providerProfiles, users } from '@handled/db/schema';

const clientUser = alias(users, 'client_user');

/** Booking summaries for lists and calendars, with both parties' names, in one query. */
export async function listBookings(
  db: DbOrTx,
  where: { clientId?: string; providerId?: string; statuses?: (typeof bookings.$inferSelect)['status'][]; scope: 'upcoming' | 'past' | 'all' },
  now: Date,
) {
  const conds: SQL[] = [];
  if (where.clientId) conds.push(eq(bookings.clientId, where.clientId));
  if (where.providerId) conds.push(eq(bookings.providerId, where.providerId));
  if (where.statuses?.length) conds.push(inArray(bookings.status, where.statuses));
  if (where.scope === 'upcoming') conds.push(or(gte(bookings.endsAt, now), eq(bookings.status, 'in_progress'))!);
  if (where.scope === 'past') conds.push(lt(bookings.endsAt, now));
  const rows = await db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      paymentStatus: bookings.paymentStatus,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      timeZone: bookings.timeZone,
      quarterHours: bookings.estimatedQuarterHours,
      total: bookings.total,
      currency: bookings.currency,
      details: bookings.details,
      address: bookings.address,
      price: bookings.price,
      expiresAt: bookings.expiresAt,
      categoryName: categories.name,
      providerId: bookings.providerId,
      providerName: providerProfiles.displayName,
      providerPhotoUrl: providerProfiles.photoUrl,
      clientId: bookings.clientId,
      clientName: clientUser.name,
      version: bookings.version,
    })
    .from(bookings)
    .innerJoin(providerProfiles, eq(providerProfiles.userId, bookings.providerId))
    .innerJoin(categories, eq(categories.id, bookings.categoryId))
    .innerJoin(clientUser, eq(clientUser.id, bookings.clientId))
    .where(and(...conds))
    .orderBy(where.scope === 'past' ? desc(bookings.startsAt) : asc(bookings.startsAt))
    .limit(200);
  return rows.map(({ price, ...r }) => ({
    ...r,
    city: r.address.city,
    providerEarnings: price.providerEarnings,
    hours: r.quarterHours / 4,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    // Street address only once the provider has a reason to know it.
    address: r.status === 'requested' && where.providerId ? { ...r.address, line1: '', line2: '' } : r.address,
  }));
}

export type BookingSummary = Awaited<ReturnType<typeof listBookings>>[number];
