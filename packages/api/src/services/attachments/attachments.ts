import { DomainError } from '@handled/core/errors';
import {
  attachmentById,
  countAttachmentsOf,
  countUnsentRequestPhotos,
  insertAttachment,
  photosOf,
  type AttachmentRow,
} from '../../repositories/attachments.ts';
import { booksAsClient, type SessionUser } from '../../context.ts';
import { insertBookingEvent, type BookingRow } from '../../repositories/bookings.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { resizeForDisplay, storePhoto, type DisplayWidth } from './photos.ts';

/** The provider's photos of a job: before, after, and receipts for the materials they bought for it. */
export type PhotoKind = 'before' | 'after' | 'receipt';

const maxPhotosPerBooking = 40;
/** Photos of the problem a client may hold uploaded but not yet sent with a request. */
const maxUnsentRequestPhotos = 20;

/** When each kind of photo may be added. */
const photoWindow: Record<PhotoKind, ReadonlySet<BookingRow['status']>> = {
  before: new Set(['confirmed', 'in_progress']),
  after: new Set(['in_progress', 'completed', 'disputed']),
  // Materials are added while the job is under way; completion folds them into the final invoice.
  receipt: new Set(['in_progress']),
};

const windowMessages: Record<PhotoKind, string> = {
  before: 'Before photos are added once the booking is confirmed and until the job is done.',
  after: 'After photos are added once the job has started.',
  receipt: 'Receipts for materials are added while the job is in progress, before you complete it.',
};

/** Paths are relative to the API origin; both go through the authorized file routes. */
export function attachmentView(a: AttachmentRow) {
  return {
    id: a.id,
    bookingId: a.bookingId,
    kind: a.kind,
    mime: a.mime,
    size: a.size,
    width: a.width,
    height: a.height,
    url: `/attachments/${a.id}`,
    thumbUrl: a.thumbKey ? `/attachments/${a.id}/thumb` : null,
    uploaderId: a.uploaderId,
    createdAt: a.createdAt.toISOString(),
  };
}
export type AttachmentView = ReturnType<typeof attachmentView>;

/**
 * The booking's provider adds a before or after photo. Everything is checked — owner, state,
 * size, type from the bytes, decodability — before anything is stored; the stored copy is a
 * re-encoded one without metadata. If recording it fails, the stored files are removed.
 */
export async function addBookingPhoto(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; kind: PhotoKind; bytes: Uint8Array; maxBytes?: number },
): Promise<AttachmentView> {
  const booking = await loadOwnedBooking(deps.db, user, input.bookingId);
  if (booking.providerId !== user.id) throw new DomainError('FORBIDDEN', 'Only the provider of this booking can add job photos.');
  if (!photoWindow[input.kind].has(booking.status))
    throw new DomainError('ILLEGAL_TRANSITION', windowMessages[input.kind], { status: booking.status });
  if ((await countAttachmentsOf(deps.db, booking.id)) >= maxPhotosPerBooking)
    throw new DomainError('INVALID_INPUT', `A booking can have at most ${maxPhotosPerBooking} photos.`);

  return storePhoto(deps.storage, input, `bookings/${booking.id}/`, async (photo) => {
    const now = deps.now();
    const row = await deps.db.transaction(async (tx) => {
      const inserted = await insertAttachment(tx, {
        ...photo,
        bookingId: booking.id,
        uploaderId: user.id,
        kind: input.kind,
        createdAt: now,
      });
      await insertBookingEvent(tx, {
        bookingId: booking.id,
        type: 'booking.photo_added',
        fromStatus: booking.status,
        toStatus: booking.status,
        actorKind: 'provider',
        actorId: user.id,
        data: { attachmentId: photo.id, kind: input.kind },
        at: now,
      });
      return inserted;
    });
    return attachmentView(row);
  });
}

/**
 * A client's photo of the problem, before the request exists: checked and re-encoded like a job
 * photo, stored under the client, and tied to the booking when the request names it (`photoIds`).
 * Until then only the client (and admins) can read it.
 */
export async function addRequestPhoto(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bytes: Uint8Array; maxBytes?: number },
): Promise<AttachmentView> {
  if (!booksAsClient(user)) throw new DomainError('FORBIDDEN', 'Photos of the problem are added by the client making the request.');
  if ((await countUnsentRequestPhotos(deps.db, user.id)) >= maxUnsentRequestPhotos)
    throw new DomainError(
      'INVALID_INPUT',
      `You have ${maxUnsentRequestPhotos} photos waiting to be sent. Send your request, or start again from the provider's page.`,
    );
  return storePhoto(deps.storage, input, `requests/${user.id}/`, async (photo) =>
    attachmentView(
      await insertAttachment(deps.db, { ...photo, bookingId: null, uploaderId: user.id, kind: 'problem', createdAt: deps.now() }),
    ),
  );
}

/** A booking's photos: the client's photos of the problem, then the provider's before and after photos, oldest first. */
export async function listBookingPhotos(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  return (await photosOf(deps.db, booking.id, ['problem', 'before', 'after'])).map(attachmentView);
}

const notFound = () => new DomainError('NOT_FOUND', 'We could not find that file.');

/** Who may see an attachment: its booking's parties and admins; before it has a booking, its uploader and admins. */
async function assertMaySee(deps: ServiceDeps, user: SessionUser, a: AttachmentRow): Promise<void> {
  // A review's photo is its author's until the review is public (then /review-photos serves it to anyone).
  if (a.kind === 'review' && a.uploaderId !== user.id && user.role !== 'admin') throw notFound();
  if (a.bookingId) {
    await loadOwnedBooking(deps.db, user, a.bookingId).catch(() => {
      throw notFound();
    });
    return;
  }
  if (a.kind !== 'problem' || (a.uploaderId !== user.id && user.role !== 'admin')) throw notFound();
}

/**
 * The bytes of an attachment for someone allowed to see it; NOT_FOUND for everyone else. `thumb`
 * is the stored 400 px thumbnail; a width from `displayWidths` is the photo scaled to what a page
 * shows (made from the stored copy on request).
 */
export async function readAttachment(deps: ServiceDeps, user: SessionUser, attachmentId: string, variant: 'full' | 'thumb' | DisplayWidth) {
  const a = await attachmentById(deps.db, attachmentId);
  if (!a) throw notFound();
  await assertMaySee(deps, user, a);
  const key = variant === 'thumb' ? a.thumbKey : a.storageKey;
  const file = key ? await deps.storage.get(key) : null;
  if (!file) throw new DomainError('NOT_FOUND', 'That file is missing from storage.');
  if (typeof variant === 'number') return { body: await resizeForDisplay(file.body, variant), contentType: 'image/webp' };
  return { body: file.body, contentType: variant === 'thumb' ? 'image/webp' : a.mime };
}
