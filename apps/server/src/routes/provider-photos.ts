import { Hono } from 'hono';
import sharp from 'sharp';
import { z } from 'zod';
import type { FileStorage } from '@handled/api/files';
import { PUBLIC_IMAGE_WIDTHS } from './public-images.ts';

const widthSchema = z.coerce
  .number()
  .int()
  .refine((w) => (PUBLIC_IMAGE_WIDTHS as readonly number[]).includes(w), {
    message: `Width must be one of ${PUBLIC_IMAGE_WIDTHS.join(', ')}`,
  })
  .optional();
const segment = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Providers' listing photos (`/files/providers/<providerId>/<file>.webp[?w=400]`): public, like the
 * seed's, read from the file storage (local or S3) and scaled down on request to a short list of widths.
 */
export function providerPhotoRoutes(opts: { storage: FileStorage }) {
  const app = new Hono();
  app.get('/files/providers/:providerId/:file', async (c) => {
    const { providerId, file } = c.req.param();
    const name = file.replace(/\.webp$/, '');
    if (!segment.test(providerId) || !file.endsWith('.webp') || !segment.test(name)) return c.json({ error: 'Not found' }, 404);
    const width = widthSchema.safeParse(c.req.query('w'));
    if (!width.success) return c.json({ error: width.error.issues[0]?.message ?? 'Bad width' }, 400);
    const stored = await opts.storage.get(`providers/${providerId}/${name}.webp`);
    if (!stored) return c.json({ error: 'Not found' }, 404);
    const body = width.data
      ? await sharp(stored.body).resize({ width: width.data, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer()
      : Buffer.from(stored.body);
    return c.body(body, 200, {
      'content-type': 'image/webp',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
