import { eq } from 'drizzle-orm';
import { createDb } from '@handled/db';
import { bookings, externalBusy, users } from '@handled/db/schema';
import { measureHttp, startBareHono, type HttpFigures } from './lib/load.ts';
import { seededDataDir, startApiProcess, startEmulatorsProcess, trpcGet } from './lib/sandbox.ts';
import type { BenchModule, Figure } from './measure.ts';

const DAY = 86_400_000;
const BOOKINGS = 300;
const BUSY = 200;
const CONNECTIONS = 20;
const SECONDS = 10;

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

const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * Slots as a visitor's load asks for them: the compiled API as its own process on the seeded demo
 * data, autocannon in another, a bare Hono `{ok:true}` process measured just before each HTTP figure.
 * Cache hits ask one address over and over; uncached requests each ask a range the cache has not
 * seen (the end moves by a minute), so every one reads the database and runs the engine.
 */
export const slotsBench: BenchModule = {
  name: 'slots',
  setup: `demo seed (seed 42), sam-okafor, 30-day window, 2-hour jobs, viewer Europe/London; compiled API + emulators as their own processes; autocannon in its own process, ${CONNECTIONS} connections, ${SECONDS} s per figure; bare Hono {ok:true} in its own process just before each; then + ${BOOKINGS} bookings and ${BUSY} Cal.com busy blocks in the 30 days (seed 42)`,
  async run() {
    const data = await seededDataDir();
    const emulators = await startEmulatorsProcess(data.dataDir);
    const api = await startApiProcess(
      data.dataDir,
      emulators.url,
      {},
      process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [],
    );
    const bare = await startBareHono();
    const bareUrl = `http://127.0.0.1:${bare.port}/ok`;
    const figures: Figure[] = [];
    try {
      const now = Date.now();
      const input = (extraMin: number) => ({
        providerId: 'sam-okafor',
        from: new Date(now).toISOString(),
        to: new Date(now + 30 * DAY + extraMin * 60_000).toISOString(),
        hours: 2,
        viewerTimeZone: 'Europe/London',
      });
      const hitUrl = trpcGet(api.url, 'catalog.slots', input(0));
      const pathOf = (u: string) => u.slice(api.url.length);
      const missPaths = (from: number) =>
        Array.from({ length: 5_000 }, (_, i) => pathOf(trpcGet(api.url, 'catalog.slots', input(from + i + 1))));
      const first = await fetch(hitUrl);
      if (!first.ok) throw new Error(`catalog.slots answered ${first.status}`);
      const body = await first.text();
      const slotCount = (JSON.parse(body) as { result: { data: { days: { offsets: number[] }[] } } }).result.data.days.reduce(
        (n, d) => n + d.offsets.length,
        0,
      );

      // Warm both servers' JIT before anything counts.
      await measureHttp(bare.child.pid!, { url: bareUrl, connections: CONNECTIONS, durationS: 3 });
      await measureHttp(api.pid, { url: hitUrl, connections: CONNECTIONS, durationS: 3 });
      await measureHttp(api.pid, { url: api.url, paths: missPaths(30_000), connections: CONNECTIONS, durationS: 3 });

      const pair = async (label: string, spec: Parameters<typeof measureHttp>[1]): Promise<[HttpFigures, HttpFigures]> => {
        const base = await measureHttp(bare.child.pid!, { url: bareUrl, connections: CONNECTIONS, durationS: SECONDS });
        const mine = await measureHttp(api.pid, { connections: CONNECTIONS, durationS: SECONDS, ...spec });
        if (mine.non2xx || mine.errors) throw new Error(`${label}: ${mine.non2xx} non-2xx answers, ${mine.errors} errors`);
        return [base, mine];
      };
      const httpFigures = (label: string, base: HttpFigures, mine: HttpFigures, targets: { rps?: number; p95?: number; cpu?: number }) => {
        const baseline = `bare Hono {ok:true} ${base.rps.toFixed(0)} req/s, p95 ${ms(base.p95)}, ${base.cpuMsPerRequest.toFixed(3)} ms CPU/req`;
        figures.push(
          {
            name: `${label}: throughput`,
            value: mine.rps,
            unit: 'req/s',
            ratio: mine.rps / base.rps,
            baseline,
            ...(targets.rps ? { target: `≥ ${targets.rps} × bare`, met: mine.rps / base.rps >= targets.rps } : {}),
          },
          {
            name: `${label}: p95 latency`,
            value: mine.p95,
            unit: 'ms',
            ratio: mine.p95 / base.p95,
            baseline: 'bare p95',
            ...(targets.p95 ? { target: `< ${targets.p95} ms`, met: mine.p95 < targets.p95 } : {}),
          },
          {
            name: `${label}: server CPU per request`,
            value: mine.cpuMsPerRequest,
            unit: 'ms',
            ratio: mine.cpuMsPerRequest / base.cpuMsPerRequest,
            baseline: 'bare CPU/req',
            ...(targets.cpu ? { target: `≤ ${targets.cpu} ms`, met: mine.cpuMsPerRequest <= targets.cpu } : {}),
          },
        );
      };

      const [hitBase, hits] = await pair('cache hits', { url: hitUrl });
      httpFigures('slots 30 days, cache hits', hitBase, hits, { rps: 0.5, p95: 10 });
      // The floor under a cache hit: the same bare Hono sending a copy of the answer, body and headers.
      const sameHeaders: Record<string, string> = {};
      first.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'date' && name !== 'connection' && name !== 'keep-alive') sameHeaders[name] = value;
      });
      await fetch(`http://127.0.0.1:${bare.port}/same`, { method: 'POST', body: JSON.stringify({ body, headers: sameHeaders }) });
      const floor = await measureHttp(bare.child.pid!, {
        url: `http://127.0.0.1:${bare.port}/same`,
        connections: CONNECTIONS,
        durationS: SECONDS,
      });
      figures.push({
        name: 'slots 30 days, cache hits vs the same bytes from bare Hono',
        value: hits.rps,
        unit: 'req/s',
        ratio: hits.rps / floor.rps,
        baseline: `bare Hono sending a copy of the answer (${Object.keys(sameHeaders).length} headers) ${floor.rps.toFixed(0)} req/s, ${floor.cpuMsPerRequest.toFixed(3)} ms CPU/req`,
      });
      const [missBase, misses] = await pair('uncached', { url: api.url, paths: missPaths(0) });
      httpFigures('slots 30 days, uncached', missBase, misses, { cpu: 1 });
      figures.push({
        name: `slots 30 days: answer body (${slotCount} slots)`,
        value: Buffer.byteLength(body) / 1024,
        unit: 'KB',
        target: '≤ 8 KB',
        met: Buffer.byteLength(body) <= 8 * 1024,
      });

      // The busy provider: bookings and Cal.com blocks written from this process (another process,
      // as the site or a sync would): the API's triggers move Sam's availability version.
      const db = createDb({ url: `file:${data.dataDir}/handled.db` });
      const [sam] = await db.select().from(users).where(eq(users.email, 'sam@demo.handled.test'));
      const [template] = await db.select().from(bookings).where(eq(bookings.providerId, sam!.id)).limit(1);
      if (!sam || !template) throw new Error('the seed has no bookings for Sam');
      const { id: _id, ...row } = template;
      void _id;
      const random = rng(42);
      const grid = () => now + Math.floor(random() * 30 * 96) * 15 * 60_000;
      for (let i = 0; i < BOOKINGS; i++) {
        const s = grid();
        await db.insert(bookings).values({
          ...row,
          reference: `BENCH-${i}`,
          status: 'confirmed',
          startsAt: new Date(s),
          endsAt: new Date(s + 3_600_000),
          blockStart: new Date(s),
          blockEnd: new Date(s + 5_400_000),
        });
      }
      for (let i = 0; i < BUSY; i++) {
        const s = grid();
        await db.insert(externalBusy).values({
          providerId: sam.id,
          source: 'calcom',
          externalId: `bench-${i}`,
          startsAt: new Date(s),
          endsAt: new Date(s + 45 * 60_000),
          syncedAt: new Date(),
        });
      }
      db.$client.close();
      const [busyMissBase, busyMisses] = await pair('uncached, busy', { url: api.url, paths: missPaths(20_000) });
      httpFigures(`slots 30 days + ${BOOKINGS} bookings + ${BUSY} busy, uncached`, busyMissBase, busyMisses, { cpu: 2 });
      const [busyHitBase, busyHits] = await pair('hits, busy', { url: hitUrl });
      httpFigures(`slots 30 days + ${BOOKINGS} bookings + ${BUSY} busy, cache hits`, busyHitBase, busyHits, { rps: 0.5, p95: 10 });
      return figures;
    } finally {
      await Promise.all([api.stop(), emulators.stop(), bare.stop()]);
      data.remove();
    }
  },
};
