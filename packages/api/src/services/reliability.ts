import { findBooking, reliabilityMarksOf } from '../repositories/bookings.ts';
import { setReliabilityMarks } from '../repositories/providers.ts';
import type { ServiceDeps } from './deps.ts';

/**
 * Job `provider.reliability`: recounts the provider's marks — bookings they cancelled and
 * no-shows the client reported — and stores the count on the profile. A recount, not an
 * increment, so a job that runs twice leaves the same number.
 */
export async function recountReliability(deps: ServiceDeps, bookingId: string): Promise<void> {
  const booking = await findBooking(deps.db, bookingId);
  if (!booking) return;
  await setReliabilityMarks(deps.db, booking.providerId, await reliabilityMarksOf(deps.db, booking.providerId));
}
