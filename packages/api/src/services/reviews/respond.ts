import { DomainError } from '@handled/core/errors';
import { moderationFlagLabels, moderationFlags } from '@handled/core/moderation';
import type { SessionUser } from '../../context.ts';
import { reviewsOfBooking, updateReview } from '../../repositories/reviews.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The provider's one public response under the client's review, written or changed (any time after
 * the review is revealed); an empty response removes it. Responses pass the same automatic check as
 * reviews, and one that fails it is refused with what to take out (it would be public at once).
 */
export async function respondToReview(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; body: string }) {
  const b = await loadOwnedBooking(deps.db, user, input.bookingId);
  if (b.providerId !== user.id) throw new DomainError('FORBIDDEN', 'Only the provider of this booking can respond to its review.');
  const review = (await reviewsOfBooking(deps.db, b.id)).find((r) => r.direction === 'client_to_provider');
  if (!review || review.revealedAt === null)
    throw new DomainError('ILLEGAL_TRANSITION', 'You can respond once the client’s review is visible.');
  const flags = moderationFlags(input.body);
  if (flags.length)
    throw new DomainError(
      'INVALID_INPUT',
      `Responses are public, so they can’t include: ${flags.map((f) => moderationFlagLabels[f].toLowerCase()).join('; ')}. Take it out and send again.`,
      { field: 'body', flags },
    );
  const now = deps.now();
  const row = await updateReview(deps.db, review.id, {
    response: input.body || null,
    respondedAt: input.body ? now : null,
    updatedAt: now,
  });
  return { id: row.id, response: row.response, respondedAt: row.respondedAt?.toISOString() ?? null };
}
