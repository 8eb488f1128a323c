import { and, eq, sql } from 'drizzle-orm';
import { bookingEvents, bookings, providerProfiles } from '@handled/db/schema';
import { findBooking } from '../repositories/bookings.ts';
import type { ServiceDeps } from './deps.ts';

/**
 * Job `provider.reliability`: recounts the provider's marks — bookings they cancelled and
 * no-shows the client reported — and stores the count on the profile. A recount, not an
 * increment, so a job that runs twice leaves the same number.
 */
export async function recountReliability(deps: ServiceDeps, bookingId: string): Promise<void> {
  const booking = await findBooking(deps.db, bookingId);
  if (!booking) return;
  const providerId = booking.providerId;
  const [cancelled] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(bookings)
    .where(and(eq(bookings.providerId, providerId), eq(bookings.cancelledBy, 'provider')));
  const [noShows] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(bookingEvents)
    .innerJoin(bookings, eq(bookings.id, bookingEvents.bookingId))
    .where(and(eq(bookings.providerId, providerId), eq(bookingEvents.toStatus, 'no_show'), eq(bookingEvents.actorKind, 'client')));
  const marks = Number(cancelled?.n ?? 0) + Number(noShows?.n ?? 0);
  await deps.db.update(providerProfiles).set({ reliabilityMarks: marks }).where(eq(providerProfiles.userId, providerId));
}
