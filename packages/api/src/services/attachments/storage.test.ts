import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage, createS3Storage } from './storage.ts';

describe('local storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'handled-storage-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const storage = createLocalStorage(root);

  it('puts, gets and deletes by key, leaving no temp files', async () => {
    await storage.put('bookings/b1/p.jpg', new Uint8Array([1, 2, 3]), 'image/jpeg');
    expect(await storage.get('bookings/b1/p.jpg')).toEqual({ body: Buffer.from([1, 2, 3]), contentType: 'image/jpeg' });
    expect(readdirSync(join(root, 'bookings', 'b1'))).toEqual(['p.jpg']);
    await storage.delete('bookings/b1/p.jpg');
    expect(await storage.get('bookings/b1/p.jpg')).toBeNull();
  });

  it('refuses keys that could leave the root', async () => {
    for (const key of ['../x.jpg', 'a/../../x.jpg', '/etc/passwd', 'a//b.jpg', '.hidden'])
      await expect(storage.put(key, new Uint8Array(1), 'x')).rejects.toThrow(/Unsafe/);
  });
});

describe('S3-compatible storage', () => {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: { method: string; url: string; auth: string; sha: string }[] = [];
  let server: Server;
  let endpoint = '';
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });

  beforeAll(async () => {
    // A tiny stand-in for S3's object API (path-style), recording what it was sent.
    server = createServer(async (req, res) => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: String(req.headers.authorization ?? ''),
        sha: String(req.headers['x-amz-content-sha256'] ?? ''),
      });
      const key = req.url ?? '';
      if (req.method === 'PUT') {
        objects.set(key, { body: await body(req), type: String(req.headers['content-type'] ?? '') });
        res.writeHead(200).end();
      } else if (req.method === 'GET') {
        const o = objects.get(key);
        if (!o) res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
        else res.writeHead(200, { 'content-type': o.type }).end(o.body);
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('signs each request (SigV4) and uses path-style URLs under the prefix', async () => {
    const s3 = createS3Storage({
      endpoint,
      bucket: 'handled',
      region: 'eu-west-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      prefix: 'prod/',
    });
    await s3.put('receipts/b1/HD-1-R1.pdf', new Uint8Array([37, 80, 68, 70]), 'application/pdf');
    expect(await s3.get('receipts/b1/HD-1-R1.pdf')).toEqual({ body: new Uint8Array([37, 80, 68, 70]), contentType: 'application/pdf' });
    expect(await s3.get('receipts/b1/missing.pdf')).toBeNull();
    await s3.delete('receipts/b1/HD-1-R1.pdf');
    expect(objects.size).toBe(0);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /handled/prod/receipts/b1/HD-1-R1.pdf',
      'GET /handled/prod/receipts/b1/HD-1-R1.pdf',
      'GET /handled/prod/receipts/b1/missing.pdf',
      'DELETE /handled/prod/receipts/b1/HD-1-R1.pdf',
    ]);
    for (const r of seen) {
      expect(r.auth).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/,
      );
      expect(r.sha).toMatch(/^([0-9a-f]{64}|UNSIGNED-PAYLOAD)$/);
    }
  });
});
