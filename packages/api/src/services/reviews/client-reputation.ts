import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { clientReputationOf } from '../../repositories/reviews.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';

/** What providers wrote about the client of this booking, for its provider: the average, the count and the latest few. */
export async function clientReputation(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const b = await loadOwnedBooking(deps.db, user, bookingId);
  if (b.providerId !== user.id)
    throw new DomainError('FORBIDDEN', 'Only the provider of this booking sees what providers say about its client.');
  const r = await clientReputationOf(deps.db, b.clientId);
  return {
    ratingAvg: r.ratingAvg,
    ratingCount: r.ratingCount,
    recent: r.recent.map((x) => ({ ...x, createdAt: x.createdAt.toISOString(), authorName: x.authorName.split(' ')[0] ?? x.authorName })),
  };
}
