import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { DomainError } from '@handled/core/errors';
import type { FileStorage } from './storage.ts';

export const photoRules = {
  /** Largest upload accepted, before any processing. */
  maxBytes: 10 * 1024 * 1024,
  /** Longest edge kept; bigger photos are scaled down. */
  maxEdge: 2560,
  thumbEdge: 400,
  /** Decompression-bomb guard: refuse images with more pixels than this. */
  maxPixels: 50_000_000,
} as const;

const accepted = {
  'image/jpeg': { ext: 'jpg', name: 'JPEG' },
  'image/png': { ext: 'png', name: 'PNG' },
  'image/webp': { ext: 'webp', name: 'WebP' },
} as const;
type AcceptedMime = keyof typeof accepted;

export interface ProcessedPhoto {
  mime: AcceptedMime;
  ext: string;
  body: Buffer;
  width: number;
  height: number;
  thumb: Buffer;
}

const isAccepted = (mime: string): mime is AcceptedMime => mime in accepted;

/**
 * Checks a photo by its bytes (never its name or declared type) and re-encodes it: turned
 * upright by its EXIF orientation, scaled to at most `maxEdge`, and written without any
 * metadata — so GPS position, camera serials and the like never reach storage. Also makes a
 * WebP thumbnail. HEIC is refused with a clear message: the prebuilt image library here has
 * no HEVC decoder (AVIF-only HEIF support).
 */
export async function processPhoto(bytes: Uint8Array, maxBytes: number = photoRules.maxBytes): Promise<ProcessedPhoto> {
  if (bytes.byteLength > maxBytes)
    throw new DomainError('PAYLOAD_TOO_LARGE', `Photos can be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`, { maxBytes });
  if (bytes.byteLength === 0) throw new DomainError('INVALID_INPUT', 'The file is empty.');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && (detected.mime === 'image/heic' || detected.mime === 'image/heif'))
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'HEIC photos cannot be read here yet. Send it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible).',
      { detected: detected.mime },
    );
  if (!detected || !isAccepted(detected.mime))
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Only JPEG, PNG or WebP photos can be uploaded; this file is ${detected ? `a ${detected.ext.toUpperCase()} file` : 'not an image we recognise'}.`,
      {
        detected: detected?.mime ?? null,
      },
    );
  const mime = detected.mime;
  try {
    const input = () => sharp(bytes, { failOn: 'error', limitInputPixels: photoRules.maxPixels });
    const resized = input()
      .rotate()
      .resize({ width: photoRules.maxEdge, height: photoRules.maxEdge, fit: 'inside', withoutEnlargement: true });
    const encoded =
      mime === 'image/jpeg'
        ? resized.jpeg({ quality: 85, mozjpeg: true })
        : mime === 'image/png'
          ? resized.png({ compressionLevel: 9 })
          : resized.webp({ quality: 85 });
    const { data: body, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumb = await input()
      .rotate()
      .resize({ width: photoRules.thumbEdge, height: photoRules.thumbEdge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { mime, ext: accepted[mime].ext, body, width: info.width, height: info.height, thumb };
  } catch (e) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `This ${accepted[mime].name} file is damaged or could not be read as a photo.`, {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}

/** A checked photo and its thumbnail as stored: what its attachment row records of them. */
export interface StoredPhoto {
  id: string;
  storageKey: string;
  thumbKey: string;
  mime: AcceptedMime;
  size: number;
  width: number;
  height: number;
}

/**
 * Every private upload's way into storage: checked and re-encoded by `processPhoto` before anything
 * is stored, kept as `<prefix><id>.<ext>` with its thumbnail `<prefix><id>.thumb.webp`, then
 * `record`ed (the attachment row, and whatever goes with it). If storing the thumbnail or recording
 * fails, both stored files are removed.
 */
export async function storePhoto<T>(
  storage: FileStorage,
  upload: { bytes: Uint8Array; maxBytes?: number },
  prefix: string,
  record: (photo: StoredPhoto) => Promise<T>,
): Promise<T> {
  const photo = await processPhoto(upload.bytes, upload.maxBytes ?? photoRules.maxBytes);
  const id = randomUUID();
  const storageKey = `${prefix}${id}.${photo.ext}`;
  const thumbKey = `${prefix}${id}.thumb.webp`;
  await storage.put(storageKey, photo.body, photo.mime);
  try {
    await storage.put(thumbKey, photo.thumb, 'image/webp');
    return await record({
      id,
      storageKey,
      thumbKey,
      mime: photo.mime,
      size: photo.body.byteLength,
      width: photo.width,
      height: photo.height,
    });
  } catch (e) {
    await Promise.allSettled([storage.delete(storageKey), storage.delete(thumbKey)]);
    throw e;
  }
}

/** Widths a page may ask a private photo at (a short list, so nobody can make the server render any size). */
export const displayWidths = [320, 640, 960, 1280] as const;
export type DisplayWidth = (typeof displayWidths)[number];

/** A stored photo scaled down to `width` (never up) as WebP, for a gallery or a viewer. */
export async function resizeForDisplay(bytes: Uint8Array, width: DisplayWidth): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: photoRules.maxPixels })
    .resize({ width, height: width, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}
