import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { photoRules, processPhoto } from '../attachments/photos.ts';
import type { FileStorage } from '../attachments/storage.ts';

/**
 * A provider's public pictures (profile photo and gallery): checked and re-encoded like every upload
 * (type from the bytes, size and pixel limits, no metadata), then stored as WebP under
 * `providers/<providerId>/` and served by the public route `/files/providers/<providerId>/<file>`.
 */
const PREFIX = '/files/providers/';

export const profilePhotoEdge = 800;
export const galleryEdge = 1600;

export function storageKeyOfPublicPhoto(url: string): string | null {
  if (!url.startsWith(PREFIX)) return null;
  const rest = url.slice(PREFIX.length).split('?')[0] ?? '';
  return /^[A-Za-z0-9-]{1,64}\/[A-Za-z0-9-]{1,64}\.webp$/.test(rest) ? `providers/${rest}` : null;
}

/** Checks, re-encodes and stores a public photo; returns its URL. `square`: cropped to a square (the profile photo). */
export async function storePublicPhoto(
  storage: FileStorage,
  providerId: string,
  bytes: Uint8Array,
  opts: { square: boolean; maxBytes?: number },
): Promise<{ url: string; key: string; width: number; height: number }> {
  const checked = await processPhoto(bytes, opts.maxBytes ?? photoRules.maxBytes);
  const edge = opts.square ? profilePhotoEdge : galleryEdge;
  const { data, info } = await sharp(checked.body)
    .resize(
      opts.square ? { width: edge, height: edge, fit: 'cover' } : { width: edge, height: edge, fit: 'inside', withoutEnlargement: true },
    )
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  const file = `${randomUUID()}.webp`;
  const key = `providers/${providerId}/${file}`;
  await storage.put(key, data, 'image/webp');
  return { url: `${PREFIX}${providerId}/${file}`, key, width: info.width, height: info.height };
}
