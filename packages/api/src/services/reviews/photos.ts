import { DomainError } from '@handled/core/errors';
import { maxReviewPhotos, reviewWindowOpen } from '@handled/core/reputation';
import type { SessionUser } from '../../context.ts';
import { attachmentById, insertAttachment } from '../../repositories/attachments.ts';
import { countReviewPhotosOf, publicReviewOfPhoto } from '../../repositories/reviews.ts';
import { attachmentView, type AttachmentView } from '../attachments/attachments.ts';
import { storePhoto } from '../attachments/photos.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { reviewSettings } from '../settings.ts';

/** A photo can be added for a few more than a review holds, so one can be swapped before sending. */
const maxUploadsPerReview = maxReviewPhotos * 3;

/**
 * The client's photo for their review, through the same pipeline as every upload (type from the
 * bytes, size, re-encoded without metadata, a thumbnail): stored on the booking as kind `review`,
 * private to the booking's parties until the review that names it is published and revealed.
 */
export async function addReviewPhoto(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; bytes: Uint8Array; maxBytes?: number },
): Promise<AttachmentView> {
  const b = await loadOwnedBooking(deps.db, user, input.bookingId);
  if (b.clientId !== user.id) throw new DomainError('FORBIDDEN', 'Photos on a review are added by the client who writes it.');
  const s = await reviewSettings(deps.db);
  if (b.status !== 'completed' || !reviewWindowOpen(b.completedAt, deps.now(), s))
    throw new DomainError('ILLEGAL_TRANSITION', 'Photos are added to a review while the review window is open.');
  if ((await countReviewPhotosOf(deps.db, b.id, user.id)) >= maxUploadsPerReview)
    throw new DomainError('INVALID_INPUT', `A review holds ${maxReviewPhotos} photos. Send your review with the ones you have.`);
  return storePhoto(deps.storage, input, `bookings/${b.id}/review-`, async (photo) =>
    attachmentView(
      await insertAttachment(deps.db, { ...photo, bookingId: b.id, uploaderId: user.id, kind: 'review', createdAt: deps.now() }),
    ),
  );
}

/** A review photo for anyone, once its review is public (published and revealed); NOT_FOUND otherwise. */
export async function readPublicReviewPhoto(deps: ServiceDeps, reviewId: string, photoId: string, size: 'full' | 'thumb') {
  const notFound = new DomainError('NOT_FOUND', 'We could not find that photo.');
  const [review, a] = await Promise.all([publicReviewOfPhoto(deps.db, reviewId, photoId), attachmentById(deps.db, photoId)]);
  if (!review || !a || a.kind !== 'review' || a.bookingId !== review.bookingId) throw notFound;
  const key = size === 'thumb' ? (a.thumbKey ?? a.storageKey) : a.storageKey;
  const file = await deps.storage.get(key);
  if (!file) throw notFound;
  return { body: file.body, contentType: size === 'thumb' && a.thumbKey ? 'image/webp' : a.mime };
}
