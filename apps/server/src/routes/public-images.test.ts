import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerPhotos } from '@handled/db/schema';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
let photo: string;

beforeAll(async () => {
  stack = await startTestStack({ providers: 3 });
  const [row] = await stack.deps.db.select().from(providerPhotos).limit(1);
  if (!row) throw new Error('the seed has no gallery photo');
  photo = row.url;
});
afterAll(() => stack?.close());

const get = (path: string) => fetch(`${stack.apiUrl}${path}`);

describe('public photos at the width a page shows them', () => {
  it('serves the original without ?w, and a WebP of the asked width with it, made once and kept', async () => {
    const original = await get(photo);
    expect(original.status).toBe(200);
    const full = await sharp(Buffer.from(await original.arrayBuffer())).metadata();

    const small = await get(`${photo}?w=400`);
    expect(small.status).toBe(200);
    expect(small.headers.get('content-type')).toBe('image/webp');
    expect(small.headers.get('cache-control')).toContain('max-age');
    const meta = await sharp(Buffer.from(await small.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(400);
    expect(meta.height).toBe(Math.round((400 * full.height!) / full.width!));

    const cached = join(stack.dataDir, 'cache/images/w400', photo.replace(/^\/files\/seed\//, ''));
    expect(existsSync(cached)).toBe(true);
    const again = await get(`${photo}?w=400`);
    expect(Buffer.from(await again.arrayBuffer()).length).toBe(meta.size);
  });

  it('never enlarges: a width above the original gives the original size', async () => {
    const res = await get(`${photo}?w=800`);
    const original = await sharp(Buffer.from(await (await get(photo)).arrayBuffer())).metadata();
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(Math.min(800, original.width!));
  });

  it('refuses widths off the list, paths outside the public folder and files that are not there', async () => {
    const odd = await get(`${photo}?w=401`);
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as { error: string }).error).toMatch(/Width must be one of 96, 192, 400, 800/);
    expect((await get(`${photo}?w=abc`)).status).toBe(400);
    expect((await get('/files/seed/..%2F..%2Fhandled.db?w=400')).status).toBe(404);
    expect((await get('/files/seed/%2E%2E/%2E%2E/etc/passwd?w=400')).status).toBe(404);
    expect((await get('/files/seed/nope.webp?w=400')).status).toBe(404);
  });
});
