import { isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerProfiles } from '@handled/db/schema';
import { loadEnv } from '../env.ts';
import { startServer } from '../server.ts';
import { startTestStack, type TestStack } from '@handled/testing';

/** The API's answers over real HTTP: no stacks, security headers everywhere, Origin checked. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ providers: 2, worker: false });
});
afterAll(() => stack?.close());

const missingBooking = (url: string) =>
  fetch(`${url}/trpc/bookings.get?input=${encodeURIComponent(JSON.stringify({ id: 'no-such-booking' }))}`, {
    headers: { cookie: '' },
  });

describe('tRPC errors', () => {
  it('carry no stack or server path by default', async () => {
    const { token } = await stack.signIn('maya@demo.handled.test');
    const res = await fetch(`${stack.apiUrl}/trpc/bookings.get?input=${encodeURIComponent(JSON.stringify({ id: 'no-such-booking' }))}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    expect(res.status).toBe(404);
    expect(text).not.toMatch(/"stack"/);
    expect(text).not.toMatch(/\.ts:\d+|node_modules|\/src\//);
    // A bad input (zod) and an anonymous call (middleware) too.
    for (const r of [
      await fetch(`${stack.apiUrl}/trpc/catalog.provider?input=${encodeURIComponent('{"id":5}')}`),
      await missingBooking(stack.apiUrl),
    ]) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(await r.text()).not.toMatch(/"stack"/);
    }
  });

  it('carry the stack when DEBUG_ERRORS asks', async () => {
    const env = { ...stack.env, PORT: 0 };
    const debug = await startServer(env, { ...stack.deps, config: { ...stack.deps.config, debugErrors: true } }, { worker: false });
    try {
      const body = (await (await missingBooking(debug.url)).json()) as { error: { data: { stack?: string } } };
      expect(body.error.data.stack).toMatch(/UNAUTHORIZED|Error/);
    } finally {
      await debug.close();
    }
  });
});

describe('security headers', () => {
  it('are on JSON, errors and 404s alike', async () => {
    const answers = [
      await fetch(`${stack.apiUrl}/health`),
      await fetch(`${stack.apiUrl}/trpc/catalog.categories`),
      await missingBooking(stack.apiUrl),
      await fetch(`${stack.apiUrl}/no-such-route`),
      await fetch(`${stack.apiUrl}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), res.url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), res.url).toBe('DENY');
      expect(res.headers.get('referrer-policy'), res.url).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), res.url).toBeNull();
    }
  });

  it('public photos may be drawn by the desk from its own origin; the rest stays same-site', async () => {
    const [profile] = await stack.deps.db
      .select({ photoUrl: providerProfiles.photoUrl })
      .from(providerProfiles)
      .where(isNotNull(providerProfiles.photoUrl))
      .limit(1);
    expect(profile?.photoUrl).toMatch(/^\/files\/seed\//);
    const photo = await fetch(`${stack.apiUrl}${profile!.photoUrl}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${stack.apiUrl}/health`)).headers.get('cross-origin-resource-policy')).toBe('same-site');
  });

  it('add HSTS in production', async () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: stack.dataDir,
      LOG_LEVEL: 'silent',
      AUTH_SECRET: 'a-real-production-secret-of-enough-length-0001',
      BOT_SERVICE_SECRET: 'a-real-bot-secret-0001',
      SITE_PROXY_SECRET: 'a-real-site-secret-0001',
      STRIPE_WEBHOOK_SECRET: 'whsec_real_0001',
      CALCOM_WEBHOOK_SECRET: 'a-real-calcom-secret-0001',
      ENCRYPTION_KEY: 'a-real-encryption-key-0001',
    });
    const prod = await startServer(env, stack.deps, { worker: false });
    try {
      const res = await fetch(`${prod.url}/health`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    } finally {
      await prod.close();
    }
  });
});

describe('Origin check on state-changing requests', () => {
  const post = (path: string, origin: string | null, body = '{}', type = 'application/json') =>
    fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': type, ...(origin ? { origin } : {}) }, body });

  it('refuses a browser on another site with 403 JSON: tRPC, auth and uploads', async () => {
    for (const path of ['/trpc/favourites.set', '/api/auth/sign-in/email', '/api/auth/sign-up/email', '/uploads/bookings/x?kind=before']) {
      for (const origin of ['https://evil.example', 'null', `${stack.env.WEB_URL}.evil.example`]) {
        const res = await post(path, origin);
        expect(res.status, `${path} from ${origin}`).toBe(403);
        expect(await res.json()).toEqual({ error: 'This request came from a page Handled does not serve.', code: 'FORBIDDEN_ORIGIN' });
      }
    }
  });

  it('lets our own pages, servers (no Origin) and webhooks through', async () => {
    for (const origin of [stack.env.WEB_URL, stack.env.DESK_URL, 'handled-desk://app', null]) {
      const res = await post(
        '/api/auth/sign-in/email',
        origin,
        JSON.stringify({ email: 'leo@demo.handled.test', password: 'demo-pass-2026' }),
      );
      expect(res.status, String(origin)).toBe(200);
    }
    // Stripe posts from its servers; a stray Origin does not stop it: the signature decides.
    const hook = await post('/webhooks/stripe', 'https://evil.example', '{}');
    expect(hook.status).toBe(400);
    expect(await hook.json()).toEqual({ error: 'Missing Stripe-Signature' });
    // Reads are not state changes.
    expect((await fetch(`${stack.apiUrl}/trpc/catalog.categories`, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });
});
