import { DomainError } from '@handled/core/errors';
import { profileLimits } from '@handled/core/onboarding';
import type { SessionUser } from '../../context.ts';
import { findProvider } from '../../repositories/providers.ts';
import {
  deleteGalleryPhoto,
  galleryOf,
  insertGalleryPhoto,
  setAccountImage,
  setGalleryPosition,
  updateListing,
} from '../../repositories/listings.ts';
import type { ServiceDeps } from '../deps.ts';
import { relist } from './listing.ts';
import { storageKeyOfPublicPhoto, storePublicPhoto } from './photo-files.ts';

async function providerOf(deps: ServiceDeps, user: SessionUser) {
  const p = user.role === 'provider' ? await findProvider(deps.db, user.id) : undefined;
  if (!p) throw new DomainError('FORBIDDEN', 'Only providers add photos to a listing.');
  return p;
}

/** Removes stored files nothing points at any more; a failure is logged, never the person's problem. */
async function forget(deps: ServiceDeps, urls: (string | null | undefined)[]) {
  const keys = urls.map((u) => (u ? storageKeyOfPublicPhoto(u) : null)).filter((k): k is string => k !== null);
  const results = await Promise.allSettled(keys.map((k) => deps.storage.delete(k)));
  if (results.some((r) => r.status === 'rejected')) deps.log.warn({ keys }, 'an old listing photo could not be removed');
}

/**
 * The listing's photo (cropped square by the desk; cropped again here if it is not): checked,
 * re-encoded without metadata, stored, then named on the listing and the account in one write.
 */
export async function setProfilePhoto(deps: ServiceDeps, user: SessionUser, input: { bytes: Uint8Array; maxBytes?: number }) {
  const p = await providerOf(deps, user);
  const stored = await storePublicPhoto(deps.storage, p.userId, input.bytes, {
    square: true,
    ...(input.maxBytes ? { maxBytes: input.maxBytes } : {}),
  });
  try {
    await deps.db.transaction(async (tx) => {
      await updateListing(tx, p.userId, { photoUrl: stored.url, updatedAt: deps.now() });
      await setAccountImage(tx, p.userId, stored.url);
      await relist(tx, p.userId);
    });
  } catch (e) {
    await deps.storage.delete(stored.key).catch(() => undefined);
    throw e;
  }
  await forget(deps, [p.photoUrl]);
  return { url: stored.url, width: stored.width, height: stored.height };
}

/** A photo of past work at the end of the gallery (at most `profileLimits.gallery.max`). */
export async function addGalleryPhoto(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bytes: Uint8Array; caption?: string; maxBytes?: number },
) {
  const p = await providerOf(deps, user);
  const existing = await galleryOf(deps.db, p.userId);
  if (existing.length >= profileLimits.gallery.max)
    throw new DomainError('INVALID_INPUT', `A gallery holds ${profileLimits.gallery.max} photos. Remove one to add another.`);
  const stored = await storePublicPhoto(deps.storage, p.userId, input.bytes, {
    square: false,
    ...(input.maxBytes ? { maxBytes: input.maxBytes } : {}),
  });
  try {
    const row = await deps.db.transaction(async (tx) => {
      const now = await galleryOf(tx, p.userId);
      if (now.length >= profileLimits.gallery.max)
        throw new DomainError('INVALID_INPUT', `A gallery holds ${profileLimits.gallery.max} photos. Remove one to add another.`);
      const position = now.reduce((m, g) => Math.max(m, g.position + 1), 0);
      const inserted = await insertGalleryPhoto(tx, {
        providerId: p.userId,
        url: stored.url,
        caption: (input.caption ?? '').slice(0, 140),
        position,
      });
      await relist(tx, p.userId);
      return inserted;
    });
    return { id: row.id, url: row.url, caption: row.caption, position: row.position };
  } catch (e) {
    await deps.storage.delete(stored.key).catch(() => undefined);
    throw e;
  }
}

export async function removeGalleryPhoto(deps: ServiceDeps, providerId: string, photoId: string) {
  const gone = await deps.db.transaction(async (tx) => {
    const row = await deleteGalleryPhoto(tx, providerId, photoId);
    if (!row) throw new DomainError('NOT_FOUND', 'That photo is not in your gallery.');
    await relist(tx, providerId);
    return row;
  });
  await forget(deps, [gone.url]);
  return (await galleryOf(deps.db, providerId)).map((g) => ({ id: g.id, url: g.url, caption: g.caption, position: g.position }));
}

/** The gallery in the order given: every photo of the gallery, each once. */
export async function reorderGallery(deps: ServiceDeps, providerId: string, ids: string[]) {
  await deps.db.transaction(async (tx) => {
    const current = await galleryOf(tx, providerId);
    const same = ids.length === current.length && new Set(ids).size === ids.length && current.every((g) => ids.includes(g.id));
    if (!same) throw new DomainError('INVALID_INPUT', 'The gallery changed meanwhile. Reload it and try again.', { field: 'ids' });
    for (const [i, id] of ids.entries()) await setGalleryPosition(tx, providerId, id, i);
  });
  return (await galleryOf(deps.db, providerId)).map((g) => ({ id: g.id, url: g.url, caption: g.caption, position: g.position }));
}
