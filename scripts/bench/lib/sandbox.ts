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
  return startNode(
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
