import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeChange, requestBooking, slotsFor } from '@handled/api/bookings';
import type { ServiceDeps, SessionUser } from '@handled/api';
import { seed } from '@handled/db/seed';
import { bookings, providerCategories, providerProfiles, users } from '@handled/db/schema';
import { createDeps, createLogger } from '../deps.ts';
import { loadEnv } from '../env.ts';

/**
 * Several OS processes on ONE database file claim overlapping intervals of one provider at the
 * same instant. Exactly one wins each interval; the others get "no longer available".
 */
const CONTENDERS = 6;
const child = fileURLToPath(new URL('./race-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

let dataDir: string;
let databaseUrl: string;
let deps: ServiceDeps;
let sam: SessionUser;
let clients: string[];
let categoryId: string;

/** Spawns one process per task; when all are ready, releases them to start at the same instant. */
function runContenders(tasks: object[]): Promise<Record<string, unknown>[]> {
  let ready = 0;
  const procs: ReturnType<typeof spawn>[] = [];
  const go = () => {
    const at = Date.now() + 200;
    for (const p of procs) p.stdin?.write(`${at}\n`);
  };
  return Promise.all(
    tasks.map(
      (task) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const p = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(task)], {
            cwd: root,
            stdio: ['pipe', 'pipe', 'pipe'],
          });
          procs.push(p);
          let out = '';
          let err = '';
          p.stdout.on('data', (d: Buffer) => {
            const before = out.includes('"ready"');
            out += d.toString();
            if (!before && out.includes('"ready"') && ++ready === tasks.length) go();
          });
          p.stderr.on('data', (d: Buffer) => (err += d.toString()));
          p.on('exit', (code) => {
            const last = out.trim().split('\n').at(-1);
            if (code !== 0 || !last) return reject(new Error(`contender exited ${code}: ${err.slice(0, 500)}`));
            resolve(JSON.parse(last) as Record<string, unknown>);
          });
        }),
    ),
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'handled-race-'));
  databaseUrl = `file:${join(dataDir, 'handled.db')}`;
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  deps = await createDeps(env, createLogger('silent'));
  await seed(deps.db, { dataDir, now: deps.now(), providers: 4 });
  const [samRow] = await deps.db.select().from(users).where(eq(users.email, 'sam@demo.handled.test'));
  if (!samRow) throw new Error('no Sam');
  sam = { id: samRow.id, name: samRow.name, email: samRow.email, role: 'provider', timeZone: samRow.timeZone, alsoClient: false };
  const clientRows = await deps.db
    .select()
    .from(users)
    .where(inArray(users.email, ['maya@demo.handled.test', 'leo@demo.handled.test']));
  clients = clientRows.map((c) => c.id);
  const [cat] = await deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, sam.id));
  categoryId = cat!.categoryId;
}, 120_000);
afterAll(() => {
  deps?.db.$client.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function freeSlots() {
  const [provider] = await deps.db.select().from(providerProfiles).where(eq(providerProfiles.userId, sam.id));
  const now = deps.now();
  return slotsFor(deps.db, provider!, now, new Date(now.getTime() + 14 * 86_400_000), 120, now);
}

describe('no double booking across processes', () => {
  it(`${CONTENDERS} processes request overlapping slots at once: one wins, the rest are told the slot is gone`, async () => {
    const slots = await freeSlots();
    // Overlapping starts: the same slot and the grid points inside its 2 hours — a slot whose next
    // two grid points are free starts too, so every contender's job fits (late in a working day it wouldn't).
    const freeStarts = new Set(slots.map((s) => s.start.getTime()));
    const base = slots.map((s) => s.start.getTime()).find((t) => freeStarts.has(t + 30 * 60_000) && freeStarts.has(t + 60 * 60_000));
    if (base === undefined) throw new Error('Sam has no slot with two free starts after it in two weeks');
    const starts = Array.from({ length: CONTENDERS }, (_, i) => new Date(base + (i % 3) * 30 * 60_000).toISOString());
    const results = await runContenders(
      starts.map((startsAt, i) => ({
        databaseUrl,
        dataDir,
        kind: 'request',
        clientId: clients[i % clients.length],
        providerId: sam.id,
        categoryId,
        startsAt,
      })),
    );
    const winners = results.filter((r) => r['ok']);
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    for (const loser of results.filter((r) => !r['ok'])) {
      expect(['SLOT_TAKEN', 'SLOT_UNAVAILABLE']).toContain(loser['code']);
      expect(String(loser['message'])).toMatch(/no longer available|busy/);
    }
    const rows = await deps.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.providerId, sam.id), eq(bookings.status, 'requested')));
    const sorted = rows.map((r) => [r.blockStart.getTime(), r.blockEnd.getTime()] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0]).toBeGreaterThanOrEqual(sorted[i - 1]![1]);
  }, 120_000);

  it('reschedules race too: several accepted moves onto one slot, exactly one lands', async () => {
    const slots = await freeSlots();
    // N bookings at separate times, each with a proposal to move to the same target.
    const target = slots.at(-1)!.start;
    const used: number[] = [];
    const ids: string[] = [];
    for (const s of slots.slice(0, -1).reverse()) {
      if (ids.length === 4) break;
      const t = s.start.getTime();
      if (used.some((u) => Math.abs(u - t) < 6 * 3_600_000) || Math.abs(t - target.getTime()) < 6 * 3_600_000) continue;
      const b = await requestBooking(deps, clients[0]!, {
        providerId: sam.id,
        categoryId,
        startsAt: s.start.toISOString(),
        hours: 2,
        details: 'Race test: to be moved',
        specialRequirements: '',
        address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
        contactPhone: '+1 212 555 0100',
      });
      const client = await deps.db.select().from(users).where(eq(users.id, clients[0]!));
      await proposeChange(
        deps,
        {
          id: client[0]!.id,
          name: client[0]!.name,
          email: client[0]!.email,
          role: 'client',
          timeZone: client[0]!.timeZone,
          alsoClient: false,
        },
        { id: b.id, startsAt: target.toISOString() },
      );
      used.push(t);
      ids.push(b.id);
    }
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const results = await runContenders(
      ids.map((bookingId) => ({ databaseUrl, dataDir, kind: 'accept_change', provider: sam, bookingId })),
    );
    expect(
      results.filter((r) => r['ok']),
      JSON.stringify(results),
    ).toHaveLength(1);
    for (const loser of results.filter((r) => !r['ok'])) expect(loser['code']).toBe('SLOT_TAKEN');
    const moved = await deps.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.providerId, sam.id), eq(bookings.startsAt, target)));
    expect(moved).toHaveLength(1);
  }, 120_000);
});
