import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { listSlots } from '@handled/core/availability';
import { loadAvailability } from '@handled/api/bookings';
import { bookings, externalBusy, providerProfiles, users } from '@handled/db/schema';
import { startTestStack } from '@handled/testing';
import { load, timeEach, type BenchModule, type Figure } from './measure.ts';

const DAY = 86_400_000;
const BOOKINGS = 300;
const BUSY = 200;
const REQUESTS = 400;
const CONCURRENCY = 8;

/** Deterministic pseudo-random numbers (mulberry32) so every run places the same busy time. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const slotsBench: BenchModule = {
  name: 'slots',
  setup: `one provider, 30-day window, ${BOOKINGS} bookings + ${BUSY} Cal.com busy blocks (seed 42), 2-hour jobs; HTTP: ${REQUESTS} requests, ${CONCURRENCY} in flight`,
  async run() {
    const stack = await startTestStack({ providers: 4, worker: false });
    try {
      const db = stack.deps.db;
      const [sam] = await db.select().from(users).where(eq(users.email, 'sam@demo.handled.test'));
      const [template] = await db.select().from(bookings).where(eq(bookings.providerId, sam!.id)).limit(1);
      if (!sam || !template) throw new Error('seed has no bookings for Sam');
      const random = rng(42);
      const now = Date.now();
      const at = (d: number) => new Date(now + d);
      const { id: _id, ...rest } = template;
      void _id;
      for (let i = 0; i < BOOKINGS; i++) {
        const start = now + Math.floor(random() * 30 * 96) * 15 * 60_000;
        await db.insert(bookings).values({ ...rest, reference: `BN-${i}`, status: 'confirmed', startsAt: at(start - now), endsAt: at(start - now + 3_600_000), blockStart: at(start - now), blockEnd: at(start - now + 3_600_000 + 30 * 60_000) });
      }
      for (let i = 0; i < BUSY; i++) {
        const start = now + Math.floor(random() * 30 * 96) * 15 * 60_000;
        await db.insert(externalBusy).values({ providerId: sam.id, source: 'calcom', externalId: `bench-${i}`, startsAt: new Date(start), endsAt: new Date(start + 45 * 60_000), syncedAt: new Date() });
      }
      const [provider] = await db.select().from(providerProfiles).where(eq(providerProfiles.userId, sam.id));
      const from = new Date(now);
      const to = new Date(now + 30 * DAY);
      const { schedule, busy } = await loadAvailability(db, provider!, from, to);
      const engineUs = timeEach(() => listSlots(schedule, busy, 120, { from, to }, from), 300);

      const input = encodeURIComponent(JSON.stringify({ providerId: sam.id, from: from.toISOString(), to: to.toISOString(), hours: 2, viewerTimeZone: 'Europe/London' }));
      const slotsUrl = `${stack.apiUrl}/trpc/catalog.slots?input=${input}`;
      const probe = await fetch(slotsUrl);
      if (!probe.ok) throw new Error(`slots answered ${probe.status}`);
      const payload = await probe.json();

      // The baseline: a plain Hono JSON endpoint returning a body of the same size, same process.
      const plain = new Hono().get('/json', (c) => c.json(payload));
      const server = await new Promise<ReturnType<typeof serve>>((r) => {
        const s = serve({ fetch: plain.fetch, hostname: '127.0.0.1', port: 0 }, () => r(s));
      });
      const plainUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/json`;
      const get = (url: string) => () => fetch(url).then((r) => r.arrayBuffer());
      await load(get(plainUrl), 50, 4);
      await load(get(slotsUrl), 50, 4);
      const base = await load(get(plainUrl), REQUESTS, CONCURRENCY);
      const slots = await load(get(slotsUrl), REQUESTS, CONCURRENCY);
      server.close();
      const rss = process.memoryUsage().rss / 1024 / 1024;
      const figures: Figure[] = [
        { name: 'slots.engine (listSlots, 30 days)', value: engineUs, unit: 'µs/call' },
        { name: 'slots.http p50', value: slots.p50, unit: 'ms', ratio: slots.p50 / base.p50, baseline: `plain Hono JSON p50 ${base.p50.toFixed(2)} ms` },
        { name: 'slots.http p95', value: slots.p95, unit: 'ms', ratio: slots.p95 / base.p95, baseline: `plain Hono JSON p95 ${base.p95.toFixed(2)} ms` },
        { name: 'slots.http throughput', value: slots.rps, unit: 'req/s', ratio: slots.rps / base.rps, baseline: `plain Hono JSON ${base.rps.toFixed(0)} req/s` },
        { name: 'server resident memory (end of slots bench)', value: rss, unit: 'MiB' },
      ];
      return figures;
    } finally {
      await stack.close();
    }
  },
};
