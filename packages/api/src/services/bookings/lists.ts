import type { DbOrTx } from '@handled/db';
import { bookingsWithParties, type BookingFilter } from '../../repositories/bookings.ts';

/** Booking summaries for lists and calendars, with both parties' names (one query). */
export async function listBookings(db: DbOrTx, where: Omit<BookingFilter, 'ids'> & { scope: 'upcoming' | 'past' | 'all' }, now: Date) {
  const rows = await bookingsWithParties(db, where, { now });
  return rows.map(({ booking: b, provider, client, category }) => ({
    id: b.id,
    reference: b.reference,
    status: b.status,
    paymentStatus: b.paymentStatus,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    timeZone: b.timeZone,
    quarterHours: b.estimatedQuarterHours,
    total: b.total,
    currency: b.currency,
    details: b.details,
    // Street address only once the provider has a reason to know it.
    address: b.status === 'requested' && where.providerId ? { ...b.address, line1: '', line2: '' } : b.address,
    expiresAt: b.expiresAt?.toISOString() ?? null,
    categoryName: category.name,
    providerId: b.providerId,
    providerName: provider.displayName,
    providerPhotoUrl: provider.photoUrl,
    clientId: b.clientId,
    clientName: client.name,
    version: b.version,
    city: b.address.city,
    providerEarnings: b.price.providerEarnings,
    hours: b.estimatedQuarterHours / 4,
  }));
}

export type BookingSummary = Awaited<ReturnType<typeof listBookings>>[number];
