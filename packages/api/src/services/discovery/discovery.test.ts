import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { providerProfiles, pushSubscriptions } from '@handled/db/schema';
import { searchProviders } from '../../repositories/providers.js';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Client;
let leo: Client;
let sam: Client;

beforeAll(async () => {
  stack = await startTestStack({ providers: 40, worker: false });
  [maya, leo, sam] = await Promise.all([stack.clientAs(demoEmails.maya), stack.clientAs(demoEmails.leo), stack.clientAs(demoEmails.sam)]);
}, 120_000);
afterAll(() => stack?.close());

describe('discovery.search', () => {
  it('places a ZIP code and keeps only providers within the radius who cover it, nearest first', async () => {
    const page = await stack.anonymous.discovery.search.query({ where: '11215', radiusKm: 30, sort: 'distance', pageSize: 30 });
    expect(page.location).toMatchObject({ country: 'US', postalCode: '11215' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.map((i) => i.slug)).toContain('sam-okafor');
    for (const i of page.items) {
      expect(i.distanceKm).not.toBeNull();
      expect(i.distanceKm!).toBeLessThanOrEqual(30);
      expect(i.distanceKm!).toBeLessThanOrEqual(i.serviceRadiusKm);
    }
    const d = page.items.map((i) => i.distanceKm!);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    // Nobody from London turns up near Brooklyn.
    expect(page.items.every((i) => i.city === 'New York')).toBe(true);
  });

  it('gives every card its next available time, after now', async () => {
    const page = await stack.anonymous.discovery.search.query({ where: 'New York', radiusKm: 40, pageSize: 8 });
    const withTime = page.items.filter((i) => i.nextAvailable);
    expect(withTime.length).toBeGreaterThan(0);
    for (const i of withTime) expect(new Date(i.nextAvailable!.start).getTime()).toBeGreaterThan(Date.now());
  });

  it('pages in a stable order: two pages equal one long page, no repeats', async () => {
    for (const sort of ['best', 'rating', 'price'] as const) {
      const all = await stack.anonymous.discovery.search.query({ sort, pageSize: 20 });
      const p1 = await stack.anonymous.discovery.search.query({ sort, pageSize: 10 });
      const p2 = await stack.anonymous.discovery.search.query({ sort, pageSize: 10, cursor: p1.nextCursor! });
      expect(p1.nextCursor).toBe(10);
      expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    }
  });

  it('ranks "top rated" by the Bayesian average, walking its index: fifty reviews at 4.9 above one at 5.0', async () => {
    const [one, fifty] = await stack.deps.db.select({ id: providerProfiles.userId }).from(providerProfiles).limit(2);
    await stack.deps.db.update(providerProfiles).set({ ratingAvg: 500, ratingCount: 1 }).where(eq(providerProfiles.userId, one!.id));
    await stack.deps.db.update(providerProfiles).set({ ratingAvg: 490, ratingCount: 50 }).where(eq(providerProfiles.userId, fifty!.id));
    const ids: string[] = [];
    for (let cursor: number | null = 0; cursor !== null;) {
      const page = await stack.anonymous.discovery.search.query({ sort: 'rating', pageSize: 30, cursor });
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(ids.indexOf(fifty!.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(fifty!.id)).toBeLessThan(ids.indexOf(one!.id));
    const q = searchProviders(stack.deps.db, {}, 'rating', 12, 0).toSQL();
    const plan = await stack.deps.db.$client.execute({ sql: `explain query plan ${q.sql}`, args: q.params as never[] });
    expect(plan.rows.map((r) => String(r.detail)).join('\n')).toMatch(/provider_bayes_order_idx/);
  });

  it('filters by minimum rating and a price range', async () => {
    const page = await stack.anonymous.discovery.search.query({ minRating: 4.5, minRate: 5000, maxRate: 9000, pageSize: 30 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const i of page.items) {
      expect(i.ratingAvg).toBeGreaterThanOrEqual(450);
      expect(i.hourlyRate).toBeGreaterThanOrEqual(5000);
      expect(i.hourlyRate).toBeLessThanOrEqual(9000);
    }
  });

  it('with a date, lists only providers free that day and shows their first slot on it', async () => {
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const page = await stack.anonymous.discovery.search.query({ availableOn: day, pageSize: 6 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const i of page.items) {
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: i.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(i.nextAvailable!.start),
      );
      expect(local).toBe(day);
    }
    if (page.nextCursor !== null) {
      const next = await stack.anonymous.discovery.search.query({ availableOn: day, pageSize: 6, cursor: page.nextCursor });
      expect(next.items.map((i) => i.id)).not.toContain(page.items[0]!.id);
    }
  });

  it('says when a place is unknown, lists nobody, and offers places to search instead', async () => {
    const page = await stack.anonymous.discovery.search.query({ where: 'zzzz', category: 'plumbing' });
    expect(page.location).toBeNull();
    expect(page.locationError).toMatch(/couldn't find “zzzz”/);
    expect(page.items).toEqual([]);
    expect(page.category?.slug).toBe('plumbing');
    // Where providers work, the busiest first (the seed's four cities).
    expect(page.placeSuggestions.map((s) => s.label)).toEqual(expect.arrayContaining(['New York', 'London']));
    expect(page.placeSuggestions.every((s) => (s.providers ?? 0) > 0)).toBe(true);
    // A typo is answered with the place it looks like, first.
    const typo = await stack.anonymous.discovery.search.query({ where: 'Londn' });
    expect(typo.items).toEqual([]);
    expect(typo.placeSuggestions[0]?.where).toBe('London, GB');
    await expect(stack.anonymous.discovery.search.query({ availableOn: '2026-02-31' })).rejects.toThrow();
  });
});

describe('favourites', () => {
  it('a client hearts a provider, sees it on cards and in the list, and removes it', async () => {
    const samId = (await stack.anonymous.catalog.provider.query({ id: 'sam-okafor' })).id;
    await maya.favourites.set.mutate({ providerId: samId, favourite: false });
    const before = (await maya.favourites.list.query()).map((f) => f.slug);
    await maya.favourites.set.mutate({ providerId: samId, favourite: true });
    await maya.favourites.set.mutate({ providerId: samId, favourite: true }); // twice is once
    expect((await maya.favourites.list.query()).map((f) => f.slug)).toEqual(['sam-okafor', ...before]);
    const page = await maya.discovery.search.query({ where: '11215', radiusKm: 30, sort: 'distance', pageSize: 30 });
    expect(page.items.find((i) => i.slug === 'sam-okafor')?.favourite).toBe(true);
    expect((await leo.favourites.list.query()).map((f) => f.slug)).not.toContain('sam-okafor');
    await maya.favourites.set.mutate({ providerId: samId, favourite: false });
    expect((await maya.favourites.list.query()).map((f) => f.slug)).toEqual(before);
  });

  it('refuses anonymous callers and providers', async () => {
    await expect(stack.anonymous.favourites.list.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await expect(sam.favourites.list.query()).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});

describe('discovery.checkAddress', () => {
  it('checks format, existence and the service area', async () => {
    const samId = (await stack.anonymous.catalog.provider.query({ id: 'sam-okafor' })).id;
    const check = (country: string, postalCode: string) =>
      stack.anonymous.discovery.checkAddress.query({ providerId: samId, country, postalCode });
    expect(await check('US', '11215')).toMatchObject({ ok: true });
    expect(await check('US', '1121')).toMatchObject({ ok: false, field: 'postalCode', message: expect.stringMatching(/5-digit/) });
    expect(await check('US', '00000')).toMatchObject({ ok: false, message: expect.stringMatching(/can't find/) });
    expect(await check('US', '90210')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/outside Sam Okafor's 25 km service area/),
    });
  });
});

describe('push subscriptions', () => {
  it('stores, reports and removes a browser subscription for the signed-in user only', async () => {
    const endpoint = 'https://push.example.test/sub/abc';
    await expect(stack.anonymous.push.subscribe.mutate({ endpoint, keys: { p256dh: 'k', auth: 'a' } })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    await maya.push.subscribe.mutate({ endpoint, keys: { p256dh: 'k', auth: 'a' } });
    expect(await maya.push.status.query({ endpoint })).toEqual({ devices: 1, thisDevice: true });
    expect(await leo.push.status.query({ endpoint })).toEqual({ devices: 0, thisDevice: false });
    await leo.push.unsubscribe.mutate({ endpoint }); // not Leo's: nothing happens
    expect((await stack.deps.db.select().from(pushSubscriptions)).length).toBe(1);
    await maya.push.unsubscribe.mutate({ endpoint });
    expect((await stack.deps.db.select().from(pushSubscriptions)).length).toBe(0);
  });
});

describe('discovery.search by city', () => {
  it('treats a city as a rough point: providers who serve the city count as covering it', async () => {
    const page = await stack.anonymous.discovery.search.query({ where: 'New York', category: 'cleaning', radiusKm: 15 });
    expect(page.location).toMatchObject({ kind: 'city', country: 'US' });
    expect(page.items.length).toBeGreaterThan(0);
    for (const i of page.items) expect(i.distanceKm!).toBeLessThanOrEqual(Math.min(15, i.serviceRadiusKm + 10));
  });
});
