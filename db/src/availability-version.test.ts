import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, prepareDb, type Db } from './client.ts';

/**
 * The availability version (schema/availability.ts) moves in the same transaction as every write
 * that can change a provider's free time, whoever makes it, and stays put for writes that cannot.
 */
let dir: string;
let db: Db;

const run = (sql: string) => db.$client.execute(sql);
const version = async (provider: string) =>
  Number(
    (await db.$client.execute({ sql: 'select version from availability_version where provider_id = ?', args: [provider] })).rows[0]?.[
      'version'
    ] ?? 0,
  );

/** Runs `sql` and returns how much it moved provider `p`'s version. */
async function moved(p: string, sql: string): Promise<number> {
  const before = await version(p);
  await run(sql);
  return (await version(p)) - before;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'handled-version-'));
  db = createDb({ url: `file:${join(dir, 'v.db')}` });
  await prepareDb(db);
  for (const u of ['p', 'q', 'c'])
    await run(`insert into user (id, name, email, email_verified, created_at, updated_at) values ('${u}', '${u}', '${u}@x.test', 1, 0, 0)`);
  for (const p of ['p', 'q'])
    await run(`insert into provider_profile (user_id, slug, display_name, hourly_rate, currency, city, country, time_zone, lat, lng, created_at, updated_at)
      values ('${p}', '${p}-slug', '${p}', 5000, 'USD', 'New York', 'US', 'America/New_York', 40.7, -74, 0, 0)`);
  await run(`insert into category (id, slug, name) values ('cat', 'plumbing', 'Plumbing')`);
});
afterAll(() => {
  db?.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const booking = (id: string, provider: string, start: number) => `insert into booking
  (id, reference, client_id, provider_id, category_id, status, starts_at, ends_at, block_start, block_end, time_zone, address, details,
   estimated_quarter_hours, currency, total, price, cancellation_policy, created_at, updated_at)
  values ('${id}', 'R-${id}', 'c', '${provider}', 'cat', 'requested', ${start}, ${start + 3_600_000}, ${start}, ${start + 5_400_000},
   'America/New_York', '{}', 'tap', 4, 'USD', 10000, '{}', '{}', 0, 0)`;

describe('availability_version', () => {
  it('moves with bookings: a new one, its time, its status, its removal — and not with payment or notes', async () => {
    expect(await moved('p', booking('b1', 'p', 1_000_000_000_000))).toBeGreaterThan(0);
    expect(
      await moved('p', `update booking set starts_at = starts_at + 1800000, ends_at = ends_at + 1800000 where id = 'b1'`),
    ).toBeGreaterThan(0);
    expect(await moved('p', `update booking set status = 'declined' where id = 'b1'`)).toBeGreaterThan(0);
    expect(
      await moved('p', `update booking set payment_status = 'paid', details = 'a new tap', version = version + 1 where id = 'b1'`),
    ).toBe(0);
    // Setting a column to the value it has is no change.
    expect(await moved('p', `update booking set status = 'declined' where id = 'b1'`)).toBe(0);
    expect(await moved('q', `update booking set status = 'declined' where id = 'b1'`)).toBe(0);
    expect(await moved('p', `delete from booking where id = 'b1'`)).toBeGreaterThan(0);
  });

  it('moves both providers when a booking changes hands', async () => {
    await run(booking('b2', 'p', 1_000_100_000_000));
    const [p, q] = [await version('p'), await version('q')];
    await run(`update booking set provider_id = 'q' where id = 'b2'`);
    expect(await version('p')).toBeGreaterThan(p);
    expect(await version('q')).toBeGreaterThan(q);
  });

  it('moves with hours, rules and overrides', async () => {
    expect(
      await moved('p', `insert into schedule (provider_id, time_zone, weekly, updated_at) values ('p', 'America/New_York', '{}', 0)`),
    ).toBeGreaterThan(0);
    expect(await moved('p', `update schedule set min_notice_min = 60 where provider_id = 'p'`)).toBeGreaterThan(0);
    expect(
      await moved('p', `insert into schedule_override (id, provider_id, date, ranges) values ('o1', 'p', '2030-01-01', '[]')`),
    ).toBeGreaterThan(0);
    expect(await moved('p', `update schedule_override set ranges = '[{"start":"09:00","end":"12:00"}]' where id = 'o1'`)).toBeGreaterThan(
      0,
    );
    expect(await moved('p', `delete from schedule_override where id = 'o1'`)).toBeGreaterThan(0);
    expect(await moved('q', `update schedule set max_jobs_per_day = 3 where provider_id = 'p'`)).toBe(0);
  });

  it('moves with Cal.com busy time and the connection, not with a re-sync of the same block', async () => {
    const block = `insert into external_busy (id, provider_id, source, external_id, starts_at, ends_at, synced_at) values ('x1', 'p', 'calcom', 'e1', 1000, 2000, 0)`;
    expect(await moved('p', block)).toBeGreaterThan(0);
    expect(await moved('p', `update external_busy set synced_at = 5, title = 'Dentist' where id = 'x1'`)).toBe(0);
    expect(await moved('p', `update external_busy set ends_at = 3000 where id = 'x1'`)).toBeGreaterThan(0);
    expect(await moved('p', `delete from external_busy where id = 'x1'`)).toBeGreaterThan(0);
    expect(
      await moved(
        'p',
        `insert into calendar_connection (provider_id, kind, encrypted_access_token, created_at, updated_at) values ('p', 'api_key', 'v1.x', 0, 0)`,
      ),
    ).toBeGreaterThan(0);
    expect(await moved('p', `update calendar_connection set last_synced_at = 10 where provider_id = 'p'`)).toBeGreaterThan(0);
    expect(await moved('p', `update calendar_connection set username = 'sam' where provider_id = 'p'`)).toBe(0);
  });

  it("moves with the profile's zone, slug and active flag, and its removal — not with its rate", async () => {
    expect(await moved('q', `update provider_profile set time_zone = 'Europe/London' where user_id = 'q'`)).toBeGreaterThan(0);
    expect(await moved('q', `update provider_profile set slug = 'q-new' where user_id = 'q'`)).toBeGreaterThan(0);
    expect(await moved('q', `update provider_profile set active = 0 where user_id = 'q'`)).toBeGreaterThan(0);
    expect(await moved('q', `update provider_profile set hourly_rate = 6000, bio = 'hello' where user_id = 'q'`)).toBe(0);
  });

  it('rolls back with the write that moved it', async () => {
    const before = await version('p');
    const tx = await db.$client.transaction('write');
    await tx.execute(booking('b3', 'p', 1_000_200_000_000));
    expect(Number((await tx.execute(`select version from availability_version where provider_id = 'p'`)).rows[0]?.['version'])).toBe(
      before + 1,
    );
    await tx.rollback();
    expect(await version('p')).toBe(before);
  });
});
