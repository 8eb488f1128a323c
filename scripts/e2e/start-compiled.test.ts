import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@handled/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentRelease, readManifest } from '../lib/releases.ts';

/**
 * `pnpm start`'s process model: the supervisor the build compiled (releases/<id>/start.mjs) runs
 * every app as plain `node` on the release's JavaScript — no tsx, no esbuild — and the marketplace
 * answers. Needs `pnpm build` first, like the other e2e tests.
 */
const root = resolve(import.meta.dirname, '../..');
let supervisor: ChildProcess;
let dataDir: string;
const ports: Record<'API_PORT' | 'WEB_PORT' | 'DESK_PORT' | 'EMULATORS_PORT', number> = {
  API_PORT: 0,
  WEB_PORT: 0,
  DESK_PORT: 0,
  EMULATORS_PORT: 0,
};

function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

beforeAll(async () => {
  const release = currentRelease();
  if (!release) throw new Error('No release: run pnpm build first');
  expect(readManifest(release)?.apps).toEqual(expect.arrayContaining(['server', 'bot', 'emulators', 'seed', 'web', 'desk']));
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'handled-start-'));
  supervisor = spawn(process.execPath, [join(root, 'releases/current/start.mjs')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((ok, fail) => {
    supervisor.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Handled is running')) ok();
    });
    supervisor.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    supervisor.on('exit', (code) => fail(new Error(`start.mjs exited ${code}: ${out.slice(-800)}`)));
  });
}, 180_000);

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) {
    const exited = new Promise((r) => supervisor.once('exit', r));
    supervisor.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm start (compiled)', () => {
  it('runs the emulators, API, site and bot as plain node on the release, and they answer', async () => {
    const commands = descendants(supervisor.pid!).map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    expect(
      commands.some((c) => /tsx|esbuild/.test(c)),
      commands.join('\n'),
    ).toBe(false);
    for (const app of ['server', 'bot', 'emulators'])
      expect(
        commands.some((c) => c.includes(`/releases/`) && c.endsWith(`/${app}/main.mjs`)),
        app,
      ).toBe(true);
    expect(commands.some((c) => c.endsWith('apps/web/serve.js'))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${ports.API_PORT}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });
    expect((await fetch(`http://127.0.0.1:${ports.WEB_PORT}/providers/sam-okafor`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.DESK_PORT}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.EMULATORS_PORT}/_/`)).status).toBe(200);
    // Signing in runs better-auth and the sign-in throttle's Drizzle store (which imports drizzle-orm at run time).
    const signIn = await fetch(`http://127.0.0.1:${ports.API_PORT}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya@demo.handled.test', password: 'demo-pass-2026' }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('set-auth-token')).toBeTruthy();
  });
});
