import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { cors } from './cors.ts';

const options = {
  origin: (o: string) => (o === 'http://site.test' ? o : null),
  credentials: true,
  allowHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['set-auth-token'],
  maxAge: 600,
};

const appWith = (mw: ReturnType<typeof cors>) =>
  new Hono()
    .use('*', mw)
    .get('/x', (c) => c.json({ ok: true }))
    .post('/x', (c) => c.text('made', 201))
    .get('/boom', () => {
      throw new Error('boom');
    })
    .onError((_e, c) => c.json({ error: 'x' }, 500));

const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'));

describe('cors', () => {
  it("answers every request with the same CORS headers as Hono's own", async () => {
    const ours = appWith(cors(options));
    const hono = appWith(honoCors(options));
    const requests: [string, RequestInit][] = [
      ['/x', { headers: { origin: 'http://site.test' } }],
      ['/x', { headers: { origin: 'http://evil.test' } }],
      ['/x', {}],
      ['/x', { method: 'POST', headers: { origin: 'http://site.test' } }],
      ['/boom', { headers: { origin: 'http://site.test' } }],
      ['/x', { method: 'OPTIONS', headers: { origin: 'http://site.test', 'access-control-request-method': 'POST' } }],
      ['/x', { method: 'OPTIONS', headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } }],
    ];
    for (const [path, init] of requests) {
      const [a, b] = [await ours.request(path, init), await hono.request(path, init)];
      expect([a.status, headersOf(a)], `${init.method ?? 'GET'} ${path}`).toEqual([b.status, headersOf(b)]);
    }
    const allowed = await ours.request('/x', { headers: { origin: 'http://site.test' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://site.test');
    expect((await ours.request('/x', { headers: { origin: 'http://evil.test' } })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
