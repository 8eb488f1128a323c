import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProxied, proxyRequest } from './proxy.ts';

// A stand-in API on a real socket: echoes what it received and sets two cookies.
let server: Server;
let base = '';
const seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url?.startsWith('/files/')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
        return;
      }
      res.setHeader('set-cookie', ['a=1; Path=/; HttpOnly', 'b=2; Path=/; Max-Age=60']);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, echo: body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = { host: 'shop.test:3000', protocol: 'http:', address: '10.0.0.9', siteSecret: 'the-site-proxy-secret' };

describe('API proxy', () => {
  it('passes only the API paths', () => {
    expect(['/api/auth/sign-in/email', '/trpc/catalog.search', '/trpc', '/files/seed/a.webp'].every(isProxied)).toBe(true);
    expect(['/', '/search', '/api/other', '/trpcx', '/bookings'].some(isProxied)).toBe(false);
  });

  it('streams a POST body and cookies in, and every Set-Cookie and the status out', async () => {
    const req = new Request('http://shop.test:3000/trpc/bookings.request?batch=1', {
      method: 'POST',
      // A browser pretending to be the site: its claims are replaced by ours.
      headers: {
        cookie: 'session=abc',
        'content-type': 'application/json',
        'x-handled-client-address': '6.6.6.6',
        'x-handled-site-secret': 'guess',
      },
      body: JSON.stringify({ hours: 2 }),
    });
    const res = await proxyRequest(req, `${base}/trpc/bookings.request?batch=1`, client);
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Max-Age=60']);
    expect(await res.json()).toEqual({ ok: true, echo: '{"hours":2}' });
    const got = seen.at(-1);
    expect(got?.method).toBe('POST');
    expect(got?.url).toBe('/trpc/bookings.request?batch=1');
    expect(got?.headers?.cookie).toBe('session=abc');
    expect(got?.headers?.['x-forwarded-host']).toBe('shop.test:3000');
    expect(got?.headers?.['x-forwarded-for']).toBe('10.0.0.9');
    expect(got?.headers?.['x-handled-client-address']).toBe('10.0.0.9');
    expect(got?.headers?.['x-handled-site-secret']).toBe('the-site-proxy-secret');
  });

  it('names no address when it does not know the visitor, and passes on no claim of theirs', async () => {
    const req = new Request('http://shop.test/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-handled-client-address': '6.6.6.6', 'x-handled-site-secret': 'guess' },
      body: '{}',
    });
    await proxyRequest(req, `${base}/api/auth/sign-in/email`, { host: 'shop.test', protocol: 'http:' });
    const got = seen.at(-1);
    expect(got?.headers?.['x-handled-client-address']).toBeUndefined();
    expect(got?.headers?.['x-handled-site-secret']).toBeUndefined();
  });

  it('keeps the API status for errors and answers 502 when the API is down', async () => {
    const miss = await proxyRequest(new Request('http://shop.test/files/x.webp'), `${base}/files/x.webp`, client);
    expect(miss.status).toBe(404);
    const down = await proxyRequest(new Request('http://shop.test/trpc/x'), 'http://127.0.0.1:9/trpc/x', client);
    expect(down.status).toBe(502);
    expect((await down.json()).error).toMatch(/not reachable/);
  });
});
