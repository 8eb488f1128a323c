import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSlots } from '@handled/api/availability';
import type { ServiceDeps } from '@handled/api';
import { unpackSlotDays } from '@handled/core/availability';
import { seed } from '@handled/db/seed';
import { providerCategories, users } from '@handled/db/schema';
import { createDeps, createLogger } from '../deps.ts';
import { loadEnv } from '../env.ts';

/**
 * The availability cache is exact across processes: this process holds Sam's slots in its cache
 * while another OS process, on the same database file, books one of them through the service.
 * Once that booking has committed, this process never lists the slot again — the very next
 * request sees the provider's availability version move (well inside the cache's time limit).
 */
const child = fileURLToPath(new URL('./race-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

let dataDir: string;
let databaseUrl: string;
let deps: ServiceDeps;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'handled-slots-cache-'));
  databaseUrl = `file:${join(dataDir, 'handled.db')}`;
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  deps = await createDeps(env, createLogger('silent'));
  await seed(deps.db, { dataDir, now: deps.now(), providers: 4 });
}, 120_000);
afterAll(() => {
  deps?.db.$client.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs one request in its own process (race-child.ts) and returns what it printed. */
function requestInAnotherProcess(task: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(task)], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      const wasReady = out.includes('"ready"');
      out += d.toString();
      if (!wasReady && out.includes('"ready"')) p.stdin.write(`${Date.now()}\n`);
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || !last) return reject(new Error(`the other process exited ${code}: ${err.slice(0, 500)}`));
      resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

describe('the availability cache across processes', () => {
  it('never offers a slot that a booking committed by another process has taken', async () => {
    const [sam] = await deps.db.select().from(users).where(eq(users.email, 'sam@demo.handled.test'));
    const [maya] = await deps.db.select().from(users).where(eq(users.email, 'maya@demo.handled.test'));
    const [cat] = await deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, sam!.id));
    const now = deps.now();
    const input = {
      providerId: 'sam-okafor',
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'America/New_York',
    };
    const starts = (a: Awaited<ReturnType<typeof providerSlots>>) => unpackSlotDays(a.days, a.lengthMin).map((s) => s.start.toISOString());

    const cached = await providerSlots(deps, input);
    expect(await providerSlots(deps, input)).toBe(cached); // answered from this process's cache
    const target = starts(cached)[5];
    if (!target) throw new Error('Sam has fewer than six free starts in two weeks');

    const outcome = await requestInAnotherProcess({
      databaseUrl,
      dataDir,
      kind: 'request',
      clientId: maya!.id,
      providerId: sam!.id,
      categoryId: cat!.categoryId,
      startsAt: target,
    });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, startsAt: target });

    const after = await providerSlots(deps, input);
    expect(after).not.toBe(cached);
    expect(starts(after)).not.toContain(target);
    // What is still listed is what the engine lists now: only the taken slot and its neighbours went.
    expect(starts(after).length).toBeLessThan(starts(cached).length);
    expect(
      starts(cached)
        .filter((s) => !starts(after).includes(s))
        .every((s) => Math.abs(Date.parse(s) - Date.parse(target)) < 4 * 3_600_000),
    ).toBe(true);
  }, 120_000);
});
