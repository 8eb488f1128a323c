import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import sharp from 'sharp';
import { z } from 'zod';

/**
 * Public photos (profile and gallery) at the width a page shows them: `/files/seed/<file>?w=400`.
 * A phone then decodes a 400 px thumbnail instead of the 800 px original (decoding is main-thread
 * paint time). Widths come from a short list, so the cache cannot be filled with arbitrary sizes;
 * each size is made once with sharp and kept under `<dataDir>/cache/images`.
 */
export const PUBLIC_IMAGE_WIDTHS = [96, 192, 400, 800] as const;
const widthSchema = z.coerce
  .number()
  .int()
  .refine((w) => (PUBLIC_IMAGE_WIDTHS as readonly number[]).includes(w), {
    message: `Width must be one of ${PUBLIC_IMAGE_WIDTHS.join(', ')}`,
  });

export function publicImageRoutes(opts: { dataDir: string }) {
  const root = resolve(opts.dataDir, 'uploads/seed');
  const cacheRoot = resolve(opts.dataDir, 'cache/images');
  const app = new Hono();

  app.get('/files/seed/*', async (c, next) => {
    const asked = c.req.query('w');
    if (asked === undefined) return next();
    const width = widthSchema.safeParse(asked);
    if (!width.success) return c.json({ error: width.error.issues[0]?.message ?? 'Bad width' }, 400);
    const source = resolve(root, decodeURIComponent(c.req.path.replace(/^\/files\/seed\//, '')));
    if (!source.startsWith(root + sep) || !/\.(webp|png|jpe?g)$/i.test(source)) return c.json({ error: 'Not found' }, 404);
    const sourceStat = await stat(source).catch(() => null);
    if (!sourceStat?.isFile()) return c.json({ error: 'Not found' }, 404);

    const cached = resolve(cacheRoot, `w${width.data}`, relative(root, source).replace(/\.\w+$/, '.webp'));
    const cachedStat = await stat(cached).catch(() => null);
    if (!cachedStat || cachedStat.mtimeMs < sourceStat.mtimeMs) {
      await mkdir(dirname(cached), { recursive: true });
      // Written aside and renamed: a request racing this one never reads half a file.
      const partial = `${cached}.${process.pid}.${Date.now()}.part`;
      await sharp(source).resize({ width: width.data, withoutEnlargement: true }).webp({ quality: 78 }).toFile(partial);
      await rename(partial, cached);
    }
    c.header('content-type', 'image/webp');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(Readable.toWeb(createReadStream(cached)) as ReadableStream);
  });

  return app;
}
