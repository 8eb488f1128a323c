import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '@handled/core/errors';
import { bookings, providerProfiles, reviews } from '@handled/db/schema';
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
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, input.bookingId)).limit(1);
    if (!b) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    if (b.clientId !== user.id) throw new DomainError('NOT_OWNER', 'Only the client of this booking can review it.');
    if (b.status !== 'completed') throw new DomainError('ILLEGAL_TRANSITION', 'You can review a booking once the job is completed.');
    const [existing] = await tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.bookingId, b.id), eq(reviews.direction, 'client_to_provider')))
      .limit(1);
    if (existing) throw new DomainError('ILLEGAL_TRANSITION', 'You have already reviewed this booking.');
    const [row] = await tx
      .insert(reviews)
      .values({ bookingId: b.id, authorId: user.id, subjectId: b.providerId, direction: 'client_to_provider', rating: input.rating, body: input.body })
      .returning();
    await tx
      .update(providerProfiles)
      .set({
        ratingAvg: sql`(select coalesce(cast(round(avg(${reviews.rating}) * 100) as integer), 0) from ${reviews} where ${reviews.subjectId} = ${b.providerId} and ${reviews.direction} = 'client_to_provider' and ${reviews.status} = 'published')`,
        ratingCount: sql`(select count(*) from ${reviews} where ${reviews.subjectId} = ${b.providerId} and ${reviews.direction} = 'client_to_provider' and ${reviews.status} = 'published')`,
      })
      .where(eq(providerProfiles.userId, b.providerId));
    return { id: row!.id, rating: row!.rating, body: row!.body, createdAt: row!.createdAt.toISOString() };
  });
}

/** The client's own review of a booking, if any (to show it instead of the form). */
export async function myReviewOf(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const [b] = await deps.db.select({ clientId: bookings.clientId, status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId)).limit(1);
  if (!b) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
  if (b.clientId !== user.id) throw new DomainError('NOT_OWNER', 'Only the client of this booking can see this.');
  const [r] = await deps.db
    .select({ id: reviews.id, rating: reviews.rating, body: reviews.body, response: reviews.response, status: reviews.status, createdAt: reviews.createdAt })
    .from(reviews)
    .where(and(eq(reviews.bookingId, bookingId), eq(reviews.direction, 'client_to_provider')))
    .limit(1);
  return { canReview: !r && b.status === 'completed', review: r ? { ...r, createdAt: r.createdAt.toISOString() } : null };
}
