import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { cpuMs, runLoad, startBareHono, treeCpuMs, type LoadResult } from './lib/load.ts';
import { bearerFor, seededDataDir, startApiProcess, startEmulatorsProcess, trpcGet } from './lib/sandbox.ts';
import type { BenchModule, Figure } from './measure.ts';

const SLOTS = 150;
/** Slots booked the same way first, so the measured run finds both APIs' code compiled (steady state). */
const WARMUP = 100;
const LOADERS = 4;
const APIS = 2;
const DAY = 86_400_000;
const cpuCount = availableParallelism();
const bareChild = fileURLToPath(new URL('./lib/bare-booking.mjs', import.meta.url));

interface BareResult {
  attempts: number;
  won: number;
  ms: number;
}

/**
 * The same claims with nothing but BEGIN IMMEDIATE; overlap?; insert; COMMIT, from as many
 * processes, on a file with the API's settings (WAL, synchronous = NORMAL) — or, with `defaults`,
 * libSQL's own (rollback journal, synchronous = FULL: a sync per commit), printed for context.
 */
async function bareContention(
  url: string,
  slots: [string, number, number][],
  defaults = false,
): Promise<{ attemptsPerS: number; won: number }> {
  const db = createClient({ url });
  if (!defaults) await db.execute('PRAGMA journal_mode = WAL');
  await db.execute(
    'create table bare_booking (id text primary key, provider_id text not null, block_start integer not null, block_end integer not null, details text not null)',
  );
  await db.execute('create index bare_booking_span on bare_booking (provider_id, block_start, block_end)');
  db.close();
  const startAt = Date.now() + 1500;
  const results = await Promise.all(
    Array.from(
      { length: LOADERS },
      () =>
        new Promise<BareResult>((ok, fail) => {
          const child = spawn(process.execPath, [bareChild, JSON.stringify({ url, slots, startAt, defaults })], {
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.on('exit', (code) =>
            code === 0 ? ok(JSON.parse(out.trim().split('\n').at(-1)!) as BareResult) : fail(new Error(`bare-booking exited ${code}`)),
          );
        }),
    ),
  );
  const seconds = Math.max(...results.map((r) => r.ms)) / 1000;
  return { attemptsPerS: results.reduce((n, r) => n + r.attempts, 0) / seconds, won: results.reduce((n, r) => n + r.won, 0) };
}

/**
 * The HTTP floor of the same topology: two bare Hono `{ok:true}` processes, four load processes
 * with one connection each (two per server), as many requests each, all starting at one instant;
 * after one unmeasured round, as the APIs had theirs.
 */
async function bareHonoSameShape(requestsEach: number): Promise<{ rate: number; cpuMsPerRequest: number }> {
  const servers = await Promise.all(Array.from({ length: APIS }, () => startBareHono()));
  try {
    const round = async (amount = requestsEach) => {
      const startAt = Date.now() + 1500;
      const results = await Promise.all(
        Array.from({ length: LOADERS }, (_, i) =>
          runLoad({ startAt, url: `http://127.0.0.1:${servers[i % APIS]!.port}/ok`, connections: 1, amount }),
        ),
      );
      return { requests: results.reduce((n, r) => n + r.requests, 0), seconds: Math.max(...results.map((r) => r.seconds)) };
    };
    await round();
    const { requests, seconds } = await round();
    // Server CPU over a longer round: /proc counts it in 10 ms ticks.
    const serversCpuMs = () => servers.reduce((n, s) => n + cpuMs(s.child.pid!), 0);
    const before = serversCpuMs();
    const long = await round(requestsEach * 10);
    return { rate: requests / seconds, cpuMsPerRequest: (serversCpuMs() - before) / long.requests };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/**
 * Booking requests under contention: two compiled API processes (each with its job worker process) on one
 * database file, four load processes (one connection each, two per API) sending the same 150
 * requests in the same order, so every slot is fought over by four at once. Baseline: four
 * processes running the bare check-and-insert transaction on the same slots.
 */
export const bookingInsertBench: BenchModule = {
  name: 'booking-insert',
  setup: `demo seed (seed 42); ${SLOTS} one-hour slots (every 6th free start of the first providers, so they never touch), after the same fight over ${WARMUP} others (warm-up, not counted); ${APIS} API processes on one WAL file; ${LOADERS} load processes × ${SLOTS} POST bookings.request (same slots, same order); baseline: ${LOADERS} processes × ${SLOTS} bare libSQL BEGIN IMMEDIATE; select overlap; insert; COMMIT`,
  async run() {
    const data = await seededDataDir();
    const emulators = await startEmulatorsProcess(data.dataDir);
    const apis = await Promise.all(
      Array.from({ length: APIS }, () =>
        startApiProcess(data.dataDir, emulators.url, {}, process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      ),
    );
    try {
      const api = apis[0]!;
      const tokens = await Promise.all(['maya@demo.handled.test', 'leo@demo.handled.test'].map((e) => bearerFor(api.url, e)));
      const search = (await (await fetch(trpcGet(api.url, 'discovery.search', { pageSize: 30 }))).json()) as {
        result: { data: { items: { id: string; slug: string }[] } };
      };
      const plan: { providerId: string; categoryId: string; startsAt: string; start: number; end: number }[] = [];
      const now = Date.now();
      for (const p of search.result.data.items) {
        if (plan.length >= SLOTS + WARMUP) break;
        const profile = (await (await fetch(trpcGet(api.url, 'catalog.provider', { id: p.id }))).json()) as {
          result: { data: { categories: { id: string }[] } };
        };
        const categoryId = profile.result.data.categories[0]?.id;
        const res = await fetch(
          trpcGet(api.url, 'catalog.slots', {
            providerId: p.id,
            from: new Date(now).toISOString(),
            to: new Date(now + 60 * DAY).toISOString(),
            hours: 1,
            viewerTimeZone: 'UTC',
          }),
        );
        if (!res.ok || !categoryId) continue;
        const answer = ((await res.json()) as { result: { data: { days: { start: string; offsets: number[] }[] } } }).result.data;
        const starts = answer.days.flatMap((d) => d.offsets.map((m) => Date.parse(d.start) + m * 60_000));
        for (let i = 0; i < starts.length && plan.length < SLOTS + WARMUP; i += 6) {
          const start = starts[i]!;
          plan.push({ providerId: p.id, categoryId, startsAt: new Date(start).toISOString(), start, end: start + 3_600_000 });
        }
      }
      if (plan.length < SLOTS + WARMUP) throw new Error(`only ${plan.length} slots found`);
      const warmup = plan.splice(SLOTS);
      const bodiesOf = (slots: typeof plan, details: string) =>
        slots.map((s) =>
          JSON.stringify({
            providerId: s.providerId,
            categoryId: s.categoryId,
            startsAt: s.startsAt,
            hours: 1,
            details,
            specialRequirements: '',
            address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
            contactPhone: '+12125550100',
          }),
        );
      const fight = (bodies: string[]): Promise<LoadResult[]> => {
        // All four start at one instant, once every load process is up (as the baseline's do).
        const startAt = Date.now() + 1500;
        return Promise.all(
          Array.from({ length: LOADERS }, (_, i) =>
            runLoad({
              startAt,
              url: `${apis[i % APIS]!.url}/trpc/bookings.request`,
              method: 'POST',
              connections: 1,
              amount: bodies.length,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]!}` },
              bodies,
            }),
          ),
        );
      };
      // The same fight over other slots first, and its notifications sent, so nothing measured is a first run.
      await fight(bodiesOf(warmup, 'Benchmark warm-up: replace a washer'));
      await new Promise((r) => setTimeout(r, 3000));
      const cpuBefore = apis.reduce((n, a) => n + treeCpuMs(a.pid), 0);
      const results = await fight(bodiesOf(plan, 'Benchmark: replace a washer'));
      const attempts = results.reduce((n, r) => n + r.requests, 0);
      // Both APIs' CPU, their job worker processes included (each won request sends its notifications): let the queue drain.
      await new Promise((r) => setTimeout(r, 3000));
      const cpuPerAttempt = (apis.reduce((n, a) => n + treeCpuMs(a.pid), 0) - cpuBefore) / attempts;
      const seconds = Math.max(...results.map((r) => r.seconds));
      const ok = results.reduce((n, r) => n + (r.statusCodes['200']?.count ?? 0), 0);
      const unexpected = results.reduce(
        (n, r) =>
          n +
          r.errors +
          Object.entries(r.statusCodes)
            .filter(([code]) => code !== '200' && code !== '409')
            .reduce((m, [, v]) => m + v.count, 0),
        0,
      );

      // What the database holds: one booking per slot, and no provider's blocked spans overlapping.
      const db = createClient({ url: `file:${data.dataDir}/handled.db` });
      const rows = (
        await db.execute({
          sql: `select provider_id, block_start, block_end from booking where details = 'Benchmark: replace a washer' and status = 'requested' order by provider_id, block_start`,
          args: [],
        })
      ).rows;
      const all = (
        await db.execute(
          `select provider_id, block_start, block_end from booking where status in ('requested','accepted','confirmed','in_progress') order by provider_id, block_start`,
        )
      ).rows;
      db.close();
      let overlaps = 0;
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        if (a['provider_id'] === b['provider_id'] && Number(b['block_start']) < Number(a['block_end'])) overlaps++;
      }
      const bare = await bareContention(
        `file:${data.dataDir}/bare.db`,
        plan.map((s) => [s.providerId, s.start - 30 * 60_000, s.end + 30 * 60_000]),
      );
      const bareDefaults = await bareContention(
        `file:${data.dataDir}/bare-defaults.db`,
        plan.map((s) => [s.providerId, s.start - 30 * 60_000, s.end + 30 * 60_000]),
        true,
      );
      const hono = await bareHonoSameShape(SLOTS);
      const rate = attempts / seconds;
      // The load processes' own CPU per attempt (as they measure it), spent whatever the APIs do.
      const loadMsPerAttempt = results.reduce((n, r) => n + r.cpuMs, 0) / attempts;
      const ceiling = (cpuCount * 1000) / loadMsPerAttempt;
      // CPU per attempt the machine has at 0.25 × bare, less what the load processes take.
      const apiBudgetMs = (cpuCount * 1000) / (0.25 * bare.attemptsPerS) - loadMsPerAttempt;
      const figures: Figure[] = [
        {
          name: `booking requests, ${APIS} APIs × ${LOADERS} loaders (${ok} won, ${attempts - ok - unexpected} refused)`,
          value: rate,
          unit: 'attempts/s',
          ratio: rate / bare.attemptsPerS,
          baseline: `bare libSQL check-and-insert from ${LOADERS} processes ${bare.attemptsPerS.toFixed(0)} attempts/s (${bare.won} won)`,
          target: '≥ 0.25 × bare',
          met: rate / bare.attemptsPerS >= 0.25,
        },
        {
          name: 'booking requests, for context: the same figure',
          value: rate,
          unit: 'attempts/s',
          ratio: rate / bareDefaults.attemptsPerS,
          baseline: `the bare transaction on libSQL's default settings (rollback journal, synchronous = FULL) ${bareDefaults.attemptsPerS.toFixed(0)} attempts/s (${bareDefaults.won} won); not the target's baseline, which has the API's settings`,
        },
        {
          name: 'booking requests, for context: the same figure',
          value: rate,
          unit: 'attempts/s',
          ratio: rate / hono.rate,
          baseline: `bare Hono {ok:true} in the same shape (${APIS} processes, ${LOADERS} loaders × 1 connection × ${SLOTS}) ${hono.rate.toFixed(0)} req/s, ${hono.cpuMsPerRequest.toFixed(3)} ms of server CPU per request: what this machine serves over HTTP doing nothing`,
        },
        { name: 'booking requests: API CPU per attempt (both APIs and their job worker processes)', value: cpuPerAttempt, unit: 'ms' },
        {
          // What the target leaves the APIs on this machine: the load processes' CPU is spent whatever the APIs do
          // (the kernel's network work and the emulators are left out, in the target's favour).
          name: `booking requests: the ceiling on ${cpuCount} cores if the APIs cost no CPU at all (the load processes' own ${loadMsPerAttempt.toFixed(2)} ms per attempt, once they are set up, only)`,
          value: ceiling,
          unit: 'attempts/s',
          ratio: ceiling / bare.attemptsPerS,
          baseline: `bare libSQL check-and-insert ${bare.attemptsPerS.toFixed(0)} attempts/s; for ≥ 0.25 × bare the APIs may spend ${apiBudgetMs.toFixed(3)} ms of CPU per attempt (bare Hono's {ok:true} alone: ${hono.cpuMsPerRequest.toFixed(3)} ms; the APIs spent ${cpuPerAttempt.toFixed(3)} ms, above)`,
        },
        {
          name: 'booking requests: overlapping blocked spans in the file',
          value: overlaps,
          unit: 'overlaps',
          target: '0',
          met: overlaps === 0,
        },
        {
          name: 'booking requests: bookings written, one per slot',
          value: rows.length,
          unit: `of ${SLOTS}`,
          target: `${SLOTS}`,
          met: rows.length === SLOTS,
        },
        { name: 'booking requests: answers other than 200 or 409', value: unexpected, unit: 'answers', target: '0', met: unexpected === 0 },
      ];
      return figures;
    } finally {
      await Promise.all([...apis.map((a) => a.stop()), emulators.stop()]);
      data.remove();
    }
  },
};
