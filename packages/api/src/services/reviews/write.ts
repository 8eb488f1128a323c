import { DomainError } from '@handled/core/errors';
import { moderationFlags } from '@handled/core/moderation';
import {
  editableUntil,
  maxReviewPhotos,
  reviewWindowClosesAt,
  reviewWindowOpen,
  revealAt,
  type ReviewSettings,
} from '@handled/core/reputation';
import type { DbOrTx } from '@handled/db';
import { formatCalendarDate } from '@handled/core/calendar-date';
import type { SessionUser } from '../../context.ts';
import type { BookingRow } from '../../repositories/bookings.ts';
import {
  insertReview,
  recountProviderRating,
  revealReviewsOf,
  reviewPhotosAmong,
  reviewsOfBooking,
  updateReview,
  type ReviewRow,
} from '../../repositories/reviews.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { reviewSettings } from '../settings.ts';

export interface ReviewInput {
  bookingId: string;
  rating: number;
  quality?: number | undefined;
  punctuality?: number | undefined;
  communication?: number | undefined;
  value?: number | undefined;
  body: string;
  photoIds?: string[] | undefined;
}

export type Side = 'client' | 'provider';
const directionOf = (side: Side) => (side === 'client' ? 'client_to_provider' : 'provider_to_client');

/** The side of the booking this person is on; an operator (or anyone else) writes no review. */
export function sideOf(user: SessionUser, b: BookingRow): Side {
  if (user.id === b.clientId) return 'client';
  if (user.id === b.providerId) return 'provider';
  throw new DomainError('FORBIDDEN', 'Only the client and the provider of a booking review it.');
}

/**
 * Writes or changes the caller's review of a completed booking. Reviews are written within the
 * window (14 days after completion by default) and may be changed for 48 hours after writing. The
 * automatic check holds a review with profanity, contact details, links or personal data for an
 * operator. The second review of a booking reveals both; a revealed client review counts towards
 * the provider's rating at once.
 */
export async function writeReview(deps: ServiceDeps, user: SessionUser, input: ReviewInput) {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const b = await loadOwnedBooking(tx, user, input.bookingId);
    const side = sideOf(user, b);
    const s = await reviewSettings(tx);
    if (b.status !== 'completed' || !b.completedAt)
      throw new DomainError('ILLEGAL_TRANSITION', 'You can review a booking once the job is completed.');
    if (!reviewWindowOpen(b.completedAt, now, s))
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Reviews are written within ${s.windowDays} days of the job; this one closed on ${formatCalendarDate(reviewWindowClosesAt(b.completedAt, s).toISOString().slice(0, 10), 'long-year')}.`,
      );
    const direction = directionOf(side);
    const existing = await reviewsOfBooking(tx, b.id);
    const mine = existing.find((r) => r.direction === direction);
    const other = existing.find((r) => r.direction !== direction);
    const photoIds = side === 'client' ? [...new Set(input.photoIds ?? [])] : [];
    if (photoIds.length > maxReviewPhotos)
      throw new DomainError('INVALID_INPUT', `Add at most ${maxReviewPhotos} photos.`, { field: 'photos' });
    const found = await reviewPhotosAmong(tx, b.id, user.id, photoIds);
    if (found.length !== photoIds.length)
      throw new DomainError('INVALID_INPUT', 'One of the photos is not one you added to this review. Add it again.', { field: 'photos' });
    const flags = moderationFlags(input.body);
    const fields = {
      rating: input.rating,
      quality: side === 'client' ? (input.quality ?? null) : null,
      punctuality: side === 'client' ? (input.punctuality ?? null) : null,
      communication: side === 'client' ? (input.communication ?? null) : null,
      value: side === 'client' ? (input.value ?? null) : null,
      body: input.body,
      photoIds,
      flags,
    };
    let row: ReviewRow;
    if (mine) {
      if (now > editableUntil(mine.createdAt, b.completedAt, s))
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `A review can be changed for ${s.editHours} hours after it is written; this one can no longer be changed.`,
        );
      // A hidden review that is changed goes back to an operator rather than straight out.
      const sentBack = mine.status === 'hidden' || (mine.status === 'pending' && mine.hiddenReason !== null);
      const status = flags.length || sentBack ? 'pending' : 'published';
      row = await updateReview(tx, mine.id, { ...fields, status, editedAt: now, updatedAt: now });
    } else {
      row = await insertReview(tx, {
        bookingId: b.id,
        authorId: user.id,
        subjectId: side === 'client' ? b.providerId : b.clientId,
        direction,
        ...fields,
        status: flags.length ? 'pending' : 'published',
        createdAt: now,
        updatedAt: now,
      });
    }
    if (flags.length)
      await recordAudit(
        tx,
        {
          actor: null,
          action: 'review.flag',
          subjectType: 'review',
          subjectId: row.id,
          reason: `Automatic check: ${flags.join(', ')}`,
          after: { status: row.status, flags },
        },
        now,
      );
    // Both written: both are visible now (the first keeps its own instant if it was already revealed).
    if (other && !mine) await revealReviewsOf(tx, b.id, now);
    await recountProviderRating(tx, b.providerId);
    await enqueue(
      tx,
      { type: 'provider.reputation', payload: { providerId: b.providerId }, key: `provider.reputation:${b.providerId}:${now.getTime()}` },
      now,
    );
    return { booking: b, side, settings: s };
  });
  return reviewsForBooking(deps, user, input.bookingId, result);
}

type ReviewView = ReturnType<typeof reviewView>;

function reviewView(r: ReviewRow, b: BookingRow, s: ReviewSettings, now: Date, own: boolean) {
  const until = b.completedAt ? editableUntil(r.createdAt, b.completedAt, s) : r.createdAt;
  return {
    id: r.id,
    direction: r.direction,
    rating: r.rating,
    quality: r.quality,
    punctuality: r.punctuality,
    communication: r.communication,
    value: r.value,
    body: r.body,
    // The author sees their photos before the review is public (the private route); everyone else once it is.
    photos: r.photoIds.map((id) =>
      own
        ? { id, url: `/attachments/${id}`, thumbUrl: `/attachments/${id}/thumb` }
        : { id, url: `/review-photos/${r.id}/${id}`, thumbUrl: `/review-photos/${r.id}/${id}?size=thumb` },
    ),
    response: r.response,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    status: r.status,
    /** The operator's reason, for the author of a hidden review only. */
    hiddenReason: own ? r.hiddenReason : null,
    /** Held for a check (pending) — the author is told, nobody else sees it. */
    held: r.status === 'pending',
    revealed: r.revealedAt !== null || (!!b.completedAt && now >= reviewWindowClosesAt(b.completedAt, s)),
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    editableUntil: until.toISOString(),
    canEdit: own && now <= until && !!b.completedAt && reviewWindowOpen(b.completedAt, now, s),
    verified: true as const,
  };
}

/**
 * The reviews of one booking as the caller may see them: their own (always), and the other side's
 * only once revealed — a client never sees what the provider wrote about them (providers only).
 */
export async function reviewsForBooking(
  deps: ServiceDeps,
  user: SessionUser,
  bookingId: string,
  known?: { booking: BookingRow; side: Side; settings: ReviewSettings },
) {
  const now = deps.now();
  const b = known?.booking ?? (await loadOwnedBooking(deps.db, user, bookingId));
  const side = known?.side ?? sideOf(user, b);
  const s = known?.settings ?? (await reviewSettings(deps.db));
  return viewFor(deps.db, b, side, s, now);
}

async function viewFor(db: DbOrTx, b: BookingRow, side: Side, s: ReviewSettings, now: Date) {
  const rows = await reviewsOfBooking(db, b.id);
  const mine = rows.find((r) => r.direction === directionOf(side));
  const theirs = rows.find((r) => r.direction !== directionOf(side));
  const open = b.status === 'completed' && !!b.completedAt && reviewWindowOpen(b.completedAt, now, s);
  // Revealed at the second review, or when the window closes (by the clock, even before the job that records it has run).
  const closed = b.completedAt !== null && now >= reviewWindowClosesAt(b.completedAt, s);
  const theirsVisible = theirs && (theirs.revealedAt !== null || closed) && side === 'provider' && theirs.status === 'published';
  return {
    side,
    status: b.status,
    windowOpen: open,
    windowClosesAt: b.completedAt ? reviewWindowClosesAt(b.completedAt, s).toISOString() : null,
    canWrite: open && !mine,
    /** When the reviews become visible if the other side does not write. */
    revealsAt: b.completedAt ? revealAt(b.completedAt, { client: null, provider: null }, s).toISOString() : null,
    mine: mine ? reviewView(mine, b, s, now, true) : null,
    /** Whether the other side has written (never what), so the page can say "write yours to see theirs". */
    theirsWritten: !!theirs,
    theirs: theirsVisible ? reviewView(theirs, b, s, now, false) : null,
    editHours: s.editHours,
  } satisfies Record<string, unknown> & { mine: ReviewView | null };
}
