import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentRelease, readManifest, repoRoot } from '../lib/releases.ts';
import { commandOf, processTree, rssMiB, runLoad } from './lib/load.ts';
import { seededDataDir, startApiProcess, startEmulatorsProcess, trpcGet } from './lib/sandbox.ts';
import type { BenchModule, Figure } from './measure.ts';

const LOAD_SECONDS = 60;
// V8 keeps the heap it grew under load until its memory reducer runs, some 30–50 s after
// allocation stops: the figure is read then, and once earlier to show it.
const SETTLE_SECONDS = 60;
const EARLY_SECONDS = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });

/** `pnpm start` as built (releases/current/start.mjs) on its own ports: every process's RSS once idle. */
async function sandboxAtIdle(figures: Figure[]) {
  const release = currentRelease();
  const apps = release ? (readManifest(release)?.apps ?? []) : [];
  if (!release || !apps.includes('server') || !apps.includes('web')) {
    figures.push({ name: 'sandbox at idle: skipped (run pnpm build first)', value: 0, unit: 'MiB' });
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'handled-bench-sandbox-'));
  const ports = { API_PORT: await freePort(), WEB_PORT: await freePort(), DESK_PORT: await freePort(), EMULATORS_PORT: await freePort() };
  const supervisor = spawn(process.execPath, [join(repoRoot, 'releases/current/start.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((ok, fail) => {
      let out = '';
      supervisor.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Handled is running')) ok();
      });
      supervisor.on('exit', (code) => fail(new Error(`start.mjs exited ${code}`)));
    });
    // Let start-up work (JIT, first requests, the seed's process) settle.
    await sleep(10_000);
    const rows = processTree(supervisor.pid!).map((pid) => ({ pid, rss: rssMiB(pid), command: commandOf(pid) }));
    const total = rows.reduce((n, r) => n + r.rss, 0);
    const name = (c: string) =>
      (c.includes('--job-worker') ? 'job worker (server/main.mjs --job-worker)' : undefined) ??
      /\/(server|bot|emulators)\/main\.mjs/.exec(c)?.[1] ??
      (c.endsWith('serve.js') ? 'site (apps/web/serve.js)' : c.endsWith('start.mjs') ? 'supervisor + desk files (start.mjs)' : c);
    for (const r of rows) figures.push({ name: `sandbox at idle: ${name(r.command)}`, value: r.rss, unit: 'MiB' });
    const compiled = rows.every((r) => !/tsx|esbuild/.test(r.command));
    figures.push({
      name: `sandbox at idle: all ${rows.length} processes (${compiled ? 'plain node, no tsx/esbuild' : 'tsx or esbuild running!'})`,
      value: total,
      unit: 'MiB',
      target: '≤ 700 MiB',
      met: total <= 700,
    });
  } finally {
    if (supervisor.exitCode === null) {
      const exited = new Promise((r) => supervisor.once('exit', r));
      supervisor.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Memory: `pnpm start`'s processes at idle after seeding, and the API's resident memory before, at
 * the end of, and after a minute of mixed load (slots from the cache and uncached, search) from
 * three load processes.
 */
export const memoryBench: BenchModule = {
  name: 'memory',
  setup: `pnpm start as built (releases/current), idle 10 s after it is up; API alone on the demo seed: ${LOAD_SECONDS} s of load (3 load processes × 10 connections: cached slots, uncached slots, search), then ${SETTLE_SECONDS} s idle (V8 gives back the heap it grew once its memory reducer runs, some 30–50 s after the load)`,
  async run() {
    const figures: Figure[] = [];
    await sandboxAtIdle(figures);

    const data = await seededDataDir();
    const emulators = await startEmulatorsProcess(data.dataDir);
    const api = await startApiProcess(data.dataDir, emulators.url);
    try {
      await sleep(5_000);
      const cold = rssMiB(api.pid);
      const now = Date.now();
      const slots = (extraMin: number) =>
        trpcGet(api.url, 'catalog.slots', {
          providerId: 'sam-okafor',
          from: new Date(now).toISOString(),
          to: new Date(now + 30 * 86_400_000 + extraMin * 60_000).toISOString(),
          hours: 2,
          viewerTimeZone: 'Europe/London',
        });
      const search = trpcGet(api.url, 'discovery.search', { where: '10001', radiusKm: 30 });
      // One request of each kind first: the offline postal-code data loads on the first search that
      // names a place and stays (by design, services/discovery/places.ts); that is not load.
      for (const url of [slots(0), slots(-1), search]) await (await fetch(url)).arrayBuffer();
      await sleep(5_000);
      const idle = rssMiB(api.pid);
      const paths = Array.from({ length: 3000 }, (_, i) => slots(i + 1).slice(api.url.length));
      await Promise.all([
        runLoad({ url: slots(0), connections: 10, durationS: LOAD_SECONDS }),
        runLoad({ url: api.url, paths, connections: 10, durationS: LOAD_SECONDS }),
        runLoad({ url: search, connections: 10, durationS: LOAD_SECONDS }),
      ]);
      const loaded = rssMiB(api.pid);
      await sleep(EARLY_SECONDS * 1000);
      const early = rssMiB(api.pid);
      await sleep((SETTLE_SECONDS - EARLY_SECONDS) * 1000);
      const after = rssMiB(api.pid);
      figures.push(
        { name: 'API resident memory just started (seeded, nothing asked yet)', value: cold, unit: 'MiB' },
        { name: 'API resident memory at idle after one request of each kind', value: idle, unit: 'MiB' },
        {
          name: `API resident memory at the end of ${LOAD_SECONDS} s of load`,
          value: loaded,
          unit: 'MiB',
          ratio: loaded / idle,
          baseline: 'idle',
        },
        { name: `API resident memory ${EARLY_SECONDS} s after the load`, value: early, unit: 'MiB', ratio: early / idle, baseline: 'idle' },
        {
          name: `API resident memory ${SETTLE_SECONDS} s after the load`,
          value: after,
          unit: 'MiB',
          ratio: after / cold,
          baseline: `just started (${(after / idle).toFixed(2)} × idle after one request of each kind)`,
          target: '≤ 1.5 × idle',
          met: after / cold <= 1.5,
        },
      );
      return figures;
    } finally {
      await Promise.all([api.stop(), emulators.stop()]);
      data.remove();
    }
  },
};
