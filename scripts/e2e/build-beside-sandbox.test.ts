import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentRelease, liveHolders } from '../lib/releases.ts';
import { startSandbox, type Sandbox } from './sandbox.ts';
import { isoSlotsOf } from '@handled/core/availability';

const root = resolve(import.meta.dirname, '../..');

/** `pnpm build`, as a developer (or scripts/run-tests.sh) runs it beside a sandbox. */
function pnpmBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((ok, fail) => {
    const child = spawn('pnpm', ['build'], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => ok({ code, output }));
  });
}

const status = async (url: string) => (await fetch(url, { redirect: 'manual' })).status;

async function statuses(base: string, paths: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of paths) out[path] = await status(base + path);
  return out;
}

const allOk = (paths: string[]) => Object.fromEntries(paths.map((p) => [p, 200]));

describe('pnpm build beside a running sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('leaves the running site and desk answering 200 from the release they started with', { timeout: 600_000 }, async () => {
    const started = sandbox.release;
    expect(currentRelease()).toBe(started);
    // This process (the sandbox) and the site's own process mark the release as in use.
    expect(liveHolders(started)).toContain(process.pid);
    expect(liveHolders(started).length).toBeGreaterThanOrEqual(2);

    // Pages whose server chunks load now, before the build…
    const warm = ['/', '/providers/sam-okafor', '/search?category=plumbing&where=11215'];
    expect(await statuses(sandbox.webUrl, warm)).toEqual(allOk(warm));
    // …and pages nobody asked for yet: their chunks are first imported after the build.
    const from = new Date();
    const answer = await sandbox.stack.anonymous.catalog.slots.query({
      providerId: 'sam-okafor',
      from: from.toISOString(),
      to: new Date(from.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'America/New_York',
    });
    const start = isoSlotsOf(answer)[0]?.start;
    expect(start, 'Sam has a free 2-hour start in the next 14 days').toBeDefined();
    const cold = ['/signin', '/signup', `/providers/sam-okafor/book?hours=2&start=${encodeURIComponent(start ?? '')}`];

    const profile = await (await fetch(`${sandbox.webUrl}/providers/sam-okafor`)).text();
    const siteAsset = profile.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
    expect(siteAsset).toBeDefined();
    const deskIndex = await (await fetch(sandbox.deskUrl)).text();
    const deskAsset = deskIndex.match(/\/assets\/[^"']+\.js/)?.[0];
    expect(deskAsset).toBeDefined();
    const assets = [`site ${siteAsset}`, `desk ${deskAsset}`];
    const assetStatuses = async () => ({
      [`site ${siteAsset}`]: await status(`${sandbox.webUrl}${siteAsset}`),
      [`desk ${deskAsset}`]: await status(`${sandbox.deskUrl}${deskAsset}`),
    });
    expect(await assetStatuses()).toEqual(allOk(assets));

    // The build runs while the warm pages keep being asked for.
    const during: number[] = [];
    let building = true;
    const polling = (async () => {
      while (building) {
        for (const path of warm) during.push(await status(sandbox.webUrl + path));
        during.push(await status(`${sandbox.deskUrl}${deskAsset}`));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const build = await pnpmBuild().finally(() => (building = false));
    await polling;
    expect(build.code, build.output.slice(-3000)).toBe(0);

    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((s) => s !== 200)).toEqual([]);
    expect(await statuses(sandbox.webUrl, [...warm, ...cold])).toEqual(allOk([...warm, ...cold]));
    expect(await assetStatuses()).toEqual(allOk(assets));
    const deskIndexAfter = await fetch(sandbox.deskUrl);
    expect(deskIndexAfter.status).toBe(200);
    expect(await deskIndexAfter.text()).toBe(deskIndex);
    expect(sandbox.webErrors()).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/);

    // The build did publish a new release; the one in use is still there.
    const now = currentRelease();
    expect(now).not.toBeNull();
    expect(now).not.toBe(started);
    expect(existsSync(resolve(started, 'web/handler.js'))).toBe(true);
  });
});
