import { DAY_MS } from '@handled/core/durations';
import { bayesianRating, editableUntil, reviewWindowOpen } from '@handled/core/reputation';
import { findCategory, findProvider } from '../../repositories/providers.ts';
import {
  jobsAwaitingProviderReview,
  ratingBreakdownOf,
  reviewsByProviderOfClients,
  reviewsForProviderDesk,
} from '../../repositories/reviews.ts';
import { DomainError } from '@handled/core/errors';
import type { ServiceDeps } from '../deps.ts';
import { reviewSettings } from '../settings.ts';

/**
 * The desk's Reviews: every client review of the provider that is visible (published, held for a
 * check or hidden by an operator — with the reason), unanswered first then newest, optionally of one
 * star rating; the rating summary; and the jobs whose client they can still review.
 */
export async function reviewsForDesk(deps: ServiceDeps, providerId: string, input: { rating?: number | undefined }) {
  const p = await findProvider(deps.db, providerId);
  if (!p) throw new DomainError('NOT_FOUND', 'We could not find your listing.');
  const s = await reviewSettings(deps.db);
  const now = deps.now();
  const [rows, breakdown, toReview, written] = await Promise.all([
    reviewsForProviderDesk(deps.db, providerId, input.rating ?? null),
    ratingBreakdownOf(deps.db, providerId),
    jobsAwaitingProviderReview(deps.db, providerId, new Date(now.getTime() - s.windowDays * DAY_MS)),
    reviewsByProviderOfClients(deps.db, providerId, 30),
  ]);
  const categories = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.categoryId))) categories.set(id, (await findCategory(deps.db, id))?.name ?? '');
  const items = rows
    .map(({ review: r, authorName, reference, startsAt, categoryId }) => ({
      id: r.id,
      bookingId: r.bookingId,
      reference,
      jobDate: startsAt.toISOString(),
      service: categories.get(categoryId) ?? '',
      authorName,
      rating: r.rating,
      quality: r.quality,
      punctuality: r.punctuality,
      communication: r.communication,
      value: r.value,
      body: r.body,
      photos: r.photoIds.map((id) => ({ id, url: `/review-photos/${r.id}/${id}`, thumbUrl: `/review-photos/${r.id}/${id}?size=thumb` })),
      response: r.response,
      respondedAt: r.respondedAt?.toISOString() ?? null,
      status: r.status,
      hiddenReason: r.hiddenReason,
      createdAt: r.createdAt.toISOString(),
    }))
    .sort((a, b) => Number(a.response !== null) - Number(b.response !== null) || b.createdAt.localeCompare(a.createdAt));
  return {
    ratingAvg: p.ratingAvg,
    ratingCount: p.ratingCount,
    bayesian: Math.round(bayesianRating(p.ratingAvg, p.ratingCount)),
    stars: [5, 4, 3, 2, 1].map((n) => ({ stars: n, count: breakdown.stars.find((x) => x.rating === n)?.n ?? 0 })),
    subRatings: breakdown.subs,
    unanswered: items.filter((i) => i.response === null && i.status === 'published').length,
    items,
    toReview: toReview.map((t) => ({
      bookingId: t.id,
      reference: t.reference,
      clientName: t.clientName,
      jobDate: t.startsAt.toISOString(),
      closesAt: new Date((t.completedAt?.getTime() ?? now.getTime()) + s.windowDays * DAY_MS).toISOString(),
      clientWrote: t.clientWrote,
    })),
    /** What the provider wrote about their clients (seen by other providers only), editable for a while. */
    written: written.map(({ review: r, clientName, reference, completedAt }) => {
      const until = completedAt ? editableUntil(r.createdAt, completedAt, s) : r.createdAt;
      return {
        id: r.id,
        bookingId: r.bookingId,
        reference,
        clientName,
        rating: r.rating,
        body: r.body,
        status: r.status,
        hiddenReason: r.hiddenReason,
        revealed: r.revealedAt !== null,
        createdAt: r.createdAt.toISOString(),
        editableUntil: until.toISOString(),
        canEdit: now <= until && !!completedAt && reviewWindowOpen(completedAt, now, s),
      };
    }),
  };
}
