import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { auditOf, usersNamed } from '../../repositories/audit.ts';
import {
  closeReportsOf,
  insertReport,
  moderationQueue,
  recountProviderRating,
  reportsOf,
  reviewById,
  reviewsOfBooking,
  updateReview,
} from '../../repositories/reviews.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import { auditView, recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { sideOf } from './write.ts';

/**
 * Either side of a booking reports its client review (the provider: what the client wrote; the
 * client: the provider's public response under it). The review stays as it is and joins the
 * operators' queue; each person reports a review once.
 */
export async function reportReview(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; reason: string }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const b = await loadOwnedBooking(tx, user, input.bookingId);
    sideOf(user, b);
    const review = (await reviewsOfBooking(tx, b.id)).find((r) => r.direction === 'client_to_provider');
    if (!review || review.revealedAt === null)
      throw new DomainError('NOT_FOUND', 'There is no published review on this booking to report yet.');
    const added = await insertReport(tx, { reviewId: review.id, reporterId: user.id, reason: input.reason, createdAt: now });
    if (!added) return { reported: true, already: true };
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'review.report',
        subjectType: 'review',
        subjectId: review.id,
        reason: input.reason,
        before: { status: review.status },
      },
      now,
    );
    return { reported: true, already: false };
  });
}

export type ModerationAction = 'publish' | 'hide' | 'restore';

/**
 * An operator publishes a held review, hides one (the reason is shown to its author) or restores a
 * hidden one. The change, its audit entry (who, why, before and after) and the provider's recounted
 * rating are one transaction; open reports are closed by the decision.
 */
export async function moderateReview(
  deps: ServiceDeps,
  admin: SessionUser,
  input: { reviewId: string; action: ModerationAction; reason: string },
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const review = await reviewById(tx, input.reviewId);
    if (!review) throw new DomainError('NOT_FOUND', 'We could not find that review.');
    const allowed: Record<ModerationAction, readonly string[]> = {
      publish: ['pending', 'published'],
      hide: ['pending', 'published'],
      restore: ['hidden'],
    };
    if (!allowed[input.action].includes(review.status))
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        input.action === 'restore' ? 'Only a hidden review can be restored.' : 'This review is hidden: restore it instead.',
        { status: review.status },
      );
    const status = input.action === 'hide' ? 'hidden' : 'published';
    const hiddenReason = input.action === 'hide' ? input.reason : null;
    const updated = await updateReview(tx, review.id, { status, hiddenReason, updatedAt: now });
    await closeReportsOf(tx, review.id);
    const audit = await recordAudit(
      tx,
      {
        actor: admin,
        action: `review.${input.action}`,
        subjectType: 'review',
        subjectId: review.id,
        reason: input.reason,
        before: { status: review.status, hiddenReason: review.hiddenReason },
        after: { status: updated.status, hiddenReason: updated.hiddenReason },
      },
      now,
    );
    if (review.direction === 'client_to_provider') {
      await recountProviderRating(tx, review.subjectId);
      await enqueue(
        tx,
        {
          type: 'provider.reputation',
          payload: { providerId: review.subjectId },
          key: `provider.reputation:${review.subjectId}:${now.getTime()}`,
        },
        now,
      );
    }
    return { id: updated.id, status: updated.status, hiddenReason: updated.hiddenReason, auditId: audit.id };
  });
}

/** The operators' queue: held and reported reviews (or the hidden ones, or all), each with its reports and history. */
export async function reviewQueue(deps: ServiceDeps, which: 'waiting' | 'hidden' | 'all') {
  const rows = await moderationQueue(deps.db, which, 200);
  const reports = await reportsOf(
    deps.db,
    rows.map((r) => r.review.id),
  );
  const histories = await Promise.all(rows.map((r) => auditOf(deps.db, 'review', r.review.id)));
  const names = await usersNamed(
    deps.db,
    histories.flat().flatMap((a) => (a.actorId ? [a.actorId] : [])),
  );
  return rows.map((r, i) => ({
    id: r.review.id,
    bookingId: r.review.bookingId,
    reference: r.reference,
    direction: r.review.direction,
    authorName: r.authorName,
    rating: r.review.rating,
    body: r.review.body,
    response: r.review.response,
    photoCount: r.review.photoIds.length,
    status: r.review.status,
    flags: r.review.flags,
    hiddenReason: r.review.hiddenReason,
    revealed: r.review.revealedAt !== null,
    createdAt: r.review.createdAt.toISOString(),
    openReports: r.openReports,
    reports: reports
      .filter((x) => x.report.reviewId === r.review.id)
      .map((x) => ({
        reporterName: x.reporterName,
        reason: x.report.reason,
        status: x.report.status,
        at: x.report.createdAt.toISOString(),
      })),
    history: (histories[i] ?? []).map((a) => auditView(a, names)),
  }));
}
