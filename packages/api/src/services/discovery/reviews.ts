import { DomainError } from '@handled/core/errors';
import { findBooking } from '../../repositories/bookings.ts';
import { clientReviewOf, insertReview, recountProviderRating } from '../../repositories/reviews.ts';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';

export interface NewReview {
  bookingId: string;
  rating: number;
  body: string;
}

/**
 * A client reviews the provider of their own completed booking, once. The provider's average
 * and count are recomputed from the published reviews in the same transaction.
 */
export async function leaveReview(deps: ServiceDeps, user: SessionUser, input: NewReview) {
  return deps.db.transaction(async (tx) => {
    const b = await findBooking(tx, input.bookingId);
    if (!b) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    if (b.clientId !== user.id) throw new DomainError('NOT_OWNER', 'Only the client of this booking can review it.');
    if (b.status !== 'completed') throw new DomainError('ILLEGAL_TRANSITION', 'You can review a booking once the job is completed.');
    if (await clientReviewOf(tx, b.id)) throw new DomainError('ILLEGAL_TRANSITION', 'You have already reviewed this booking.');
    const row = await insertReview(tx, {
      bookingId: b.id,
      authorId: user.id,
      subjectId: b.providerId,
      direction: 'client_to_provider',
      rating: input.rating,
      body: input.body,
    });
    await recountProviderRating(tx, b.providerId);
    return { id: row.id, rating: row.rating, body: row.body, createdAt: row.createdAt.toISOString() };
  });
}

/** The client's own review of a booking, if any (to show it instead of the form). */
export async function myReviewOf(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const b = await findBooking(deps.db, bookingId);
  if (!b) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
  if (b.clientId !== user.id) throw new DomainError('NOT_OWNER', 'Only the client of this booking can see this.');
  const r = await clientReviewOf(deps.db, bookingId);
  return { canReview: !r && b.status === 'completed', review: r ? { ...r, createdAt: r.createdAt.toISOString() } : null };
}
