import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoSlotsOf } from '@handled/core/availability';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { createApp } from './app.ts';

/**
 * The worker is woken after a procedure only when it wrote jobs: waking it claims in a write
 * transaction, which every read would otherwise pay for.
 */
let stack: TestStack;
let wakes = 0;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  stack = await startTestStack({ providers: 6, worker: false });
  const env = stack.env;
  app = createApp({
    deps: stack.deps,
    auth: stack.server.auth,
    dataDir: stack.dataDir,
    allowedOrigins: [env.WEB_URL],
    siteProxySecret: env.SITE_PROXY_SECRET,
    signInLimits: { perAccount: 100, perAddress: 100, windowMinutes: 15 },
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
    botSecret: env.BOT_SERVICE_SECRET,
    onJobsWritten: () => wakes++,
  });
}, 120_000);
afterAll(() => stack?.close());

const get = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });

describe('waking the worker', () => {
  it('not after reads, signed in or not; once after a request that wrote jobs', async () => {
    const { token } = await stack.signIn(demoEmails.maya);
    const auth = { authorization: `Bearer ${token}` };
    const now = stack.deps.now();
    const range = {
      providerId: 'sam-okafor',
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'UTC',
    };
    expect((await app.request('/trpc/catalog.categories')).status).toBe(200);
    expect((await get('catalog.provider', { id: 'sam-okafor' })).status).toBe(200);
    expect((await get('bookings.mine', { scope: 'all' }, auth)).status).toBe(200);
    const slots = (await (await get('catalog.slots', range)).json()) as { result: { data: Parameters<typeof isoSlotsOf>[0] } };
    expect(wakes).toBe(0);

    const sam = (await (await get('catalog.provider', { id: 'sam-okafor' })).json()) as {
      result: { data: { id: string; categories: { id: string }[] } };
    };
    const res = await app.request('/trpc/bookings.request', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        providerId: sam.result.data.id,
        categoryId: sam.result.data.categories[0]!.id,
        startsAt: isoSlotsOf(slots.result.data)[0]!.start,
        hours: 2,
        details: 'Worker wake test: a dripping tap',
        address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
        contactPhone: '+1 212 555 0100',
      }),
    });
    expect(res.status).toBe(200);
    expect(wakes).toBe(1);
    expect((await get('bookings.mine', { scope: 'all' }, auth)).status).toBe(200);
    expect(wakes).toBe(1);
  });
});
