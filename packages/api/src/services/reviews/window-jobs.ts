import { reviewReminderAt, reviewWindowClosesAt, reviewWindowOpen } from '@handled/core/reputation';
import { findBooking } from '../../repositories/bookings.ts';
import { recountProviderRating, revealReviewsOf, reviewsOfBooking } from '../../repositories/reviews.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { notifyBooking } from '../notifications/notify.ts';
import { reviewSettings } from '../settings.ts';

/**
 * Job `reviews.open` (the job's completion): asks both sides for their review, and schedules the
 * reminder before the window closes and the reveal at its close. Keyed by the booking, so a replay
 * asks once.
 */
export async function openReviews(deps: ServiceDeps, bookingId: string): Promise<void> {
  const b = await findBooking(deps.db, bookingId);
  if (!b || b.status !== 'completed' || !b.completedAt) return;
  const s = await reviewSettings(deps.db);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await enqueue(
      tx,
      { type: 'reviews.remind', payload: { bookingId }, key: `reviews.remind:${bookingId}`, runAt: reviewReminderAt(b.completedAt!, s) },
      now,
    );
    await enqueue(
      tx,
      {
        type: 'reviews.reveal',
        payload: { bookingId },
        key: `reviews.reveal:${bookingId}`,
        runAt: reviewWindowClosesAt(b.completedAt!, s),
      },
      now,
    );
    await enqueue(
      tx,
      { type: 'provider.reputation', payload: { providerId: b.providerId }, key: `provider.reputation:${b.providerId}:${bookingId}:done` },
      now,
    );
  });
  await notifyBooking(deps, { bookingId, to: 'both', template: 'review.requested', eventId: 'review-request' });
}

/** Job `reviews.remind`: tells each side that has not written yet, while the window is open. */
export async function remindReviews(deps: ServiceDeps, bookingId: string): Promise<void> {
  const b = await findBooking(deps.db, bookingId);
  if (!b || b.status !== 'completed' || !b.completedAt) return;
  const s = await reviewSettings(deps.db);
  if (!reviewWindowOpen(b.completedAt, deps.now(), s)) return;
  const written = await reviewsOfBooking(deps.db, bookingId);
  const client = written.some((r) => r.direction === 'client_to_provider');
  const provider = written.some((r) => r.direction === 'provider_to_client');
  const to = !client && !provider ? 'both' : !client ? 'client' : !provider ? 'provider' : null;
  if (to) await notifyBooking(deps, { bookingId, to, template: 'review.reminder', eventId: 'review-reminder' });
}

/**
 * Job `reviews.reveal` (the window's close): a review whose other side never wrote becomes visible
 * now, and the provider's rating counts it. Runs again harmlessly (revealing only what is not yet).
 */
export async function revealAtWindowClose(deps: ServiceDeps, bookingId: string): Promise<void> {
  const b = await findBooking(deps.db, bookingId);
  if (!b) return;
  const now = deps.now();
  // A setting shortened or lengthened after the job: the window is read again, and a reveal that is not due waits.
  const s = await reviewSettings(deps.db);
  if (b.completedAt && reviewWindowClosesAt(b.completedAt, s) > now) {
    await enqueue(
      deps.db,
      {
        type: 'reviews.reveal',
        payload: { bookingId },
        key: `reviews.reveal:${bookingId}:${reviewWindowClosesAt(b.completedAt, s).getTime()}`,
        runAt: reviewWindowClosesAt(b.completedAt, s),
      },
      now,
    );
    return;
  }
  await deps.db.transaction(async (tx) => {
    if ((await revealReviewsOf(tx, bookingId, now)) === 0) return;
    await recountProviderRating(tx, b.providerId);
    await enqueue(
      tx,
      { type: 'provider.reputation', payload: { providerId: b.providerId }, key: `provider.reputation:${b.providerId}:${now.getTime()}` },
      now,
    );
  });
}
