/**
 * The real processes the HTTP benchmarks load: the API (and the emulators it calls), compiled as
 * `pnpm build` compiles them (scripts/lib/bundle.ts) and run with plain `node` on a seeded temp
 * database — never the benchmark's own event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { bundleApps, type BundledApp } from '../../lib/bundle.ts';
import { repoRoot } from '../../lib/releases.ts';

/** A free loopback port, from the OS. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let compiled: Promise<string> | null = null;

/** The server, seed and emulators compiled once per `pnpm bench` run into a temp folder. */
export function compiledApps(): Promise<string> {
  compiled ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handled-bench-release-'));
    await bundleApps(dir, ['server', 'seed', 'emulators'] satisfies BundledApp[]);
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();
  return compiled;
}

function runToEnd(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited ${code}: ${err.slice(-600)}`))));
  });
}

/** A temp data folder with the demo marketplace (seed 42), plus `scale` benchmark providers. */
export async function seededDataDir(opts: { scale?: number } = {}): Promise<{ dataDir: string; remove(): void }> {
  const release = await compiledApps();
  const dataDir = mkdtempSync(join(tmpdir(), 'handled-bench-data-'));
  mkdirSync(dataDir, { recursive: true });
  await runToEnd(
    process.execPath,
    [join(release, 'seed/main.mjs'), '--data-dir', dataDir, ...(opts.scale ? ['--scale', String(opts.scale)] : [])],
    {},
  );
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startNode(script: string, env: Record<string, string>, probe: string, nodeArgs: string[] = []): Promise<RunningProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return waitForHttp(probe, child).then(
    () => ({ child, pid: child.pid!, url: new URL(probe).origin, stop }),
    async (e: unknown) => {
      await stop();
      throw e;
    },
  );
}

/** The emulators (Stripe, Cal.com, mail…), so the API's worker can run its jobs as in the sandbox. */
export async function startEmulatorsProcess(dataDir: string): Promise<RunningProcess> {
  const release = await compiledApps();
  const port = await freePort();
  return startNode(
    join(release, 'emulators/main.mjs'),
    { EMULATORS_PORT: String(port), EMULATORS_HOST: '127.0.0.1', DATA_DIR: dataDir },
    `http://127.0.0.1:${port}/_/`,
  );
}

/** One API process (HTTP + job worker) on `dataDir`'s database; `nodeArgs` e.g. ['--cpu-prof'] to profile it. */
export async function startApiProcess(
  dataDir: string,
  emulatorsUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<RunningProcess> {
  const release = await compiledApps();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = await startNode(
    join(release, 'server/main.mjs'),
    {
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_API_URL: url,
      WEB_URL: SITE,
      EMULATORS_URL: emulatorsUrl,
      ...env,
    },
    `${url}/health`,
    nodeArgs,
  );
  // Measured once the worker has done what it does at start (the day's reputation sweep).
  if ((env['JOB_WORKER'] ?? process.env['JOB_WORKER']) !== 'off') await jobsSettled(dataDir);
  return api;
}

/** The site's address the API trusts (no site runs in the benchmarks). */
const SITE = 'http://127.0.0.1:3000';

/** Signs in over HTTP, as from the site, and returns the bearer token (as the desk app uses it). */
export async function bearerFor(apiUrl: string, email: string, password = 'demo-pass-2026'): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE },
    body: JSON.stringify({ email, password }),
  });
  const token = res.headers.get('set-auth-token');
  if (!res.ok || !token) throw new Error(`sign-in for ${email} failed: ${res.status}`);
  return token;
}

/** A tRPC GET address for `procedure` with `input`. */
export function trpcGet(apiUrl: string, procedure: string, input: unknown): string {
  return `${apiUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/**
 * Waits until the API's job worker process is up (it enqueues the day's reputation sweep when it
 * starts) and has run every job due now, so figures measure requests rather than requests beside a
 * start-up job (at 50,000 providers the sweep moves the search version thousands of times).
 */
export async function jobsSettled(dataDir: string, timeoutMs = 300_000): Promise<void> {
  const db = createClient({ url: `file:${join(dataDir, 'handled.db')}` });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rs = await db.execute("select count(*) as n from job where idempotency_key like 'reputation.sweep:daily:%'");
      if (Number(rs.rows[0]?.['n']) > 0) break;
      if (Date.now() > deadline) throw new Error('the job worker never started');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (;;) {
      const rs = await db.execute({
        sql: "select count(*) as n from job where status in ('pending', 'running') and run_at <= ?",
        args: [Date.now()],
      });
      if (Number(rs.rows[0]?.['n']) === 0) return;
      if (Date.now() > deadline) throw new Error('jobs due at start did not finish');
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    db.close();
  }
}
