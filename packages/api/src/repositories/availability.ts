import type { BusyBlock, Schedule, WeeklyHours } from '@handled/core/availability';
import type { Db } from '@handled/db';
import { blockingStatuses } from './bookings.ts';
import { providerByIdOrSlugSql } from './providers.ts';

/**
 * The reads behind a provider's free slots, on prepared statements that stay prepared
 * (`db.$reads`): only the columns the engine needs, integers as numbers, instants as epoch ms.
 * Ranges come from the caller (services/availability-window.ts), so only the rows the window
 * needs are read.
 */

/** A booking's blocked span is its job (at most 12 hours, the engine takes up to 7 days) plus its
 * buffers (at most a day each): a span starting more than this before a window cannot reach it. */
export const MAX_BLOCK_MS = 9 * 24 * 3_600_000;

const blocking = blockingStatuses.map((s) => `'${s}'`).join(', ');

export interface ProviderHead {
  id: string;
  displayName: string;
  timeZone: string;
  active: boolean;
  /** The availability version (db/src/schema/availability.ts): bumped with every change to it. */
  version: number;
}

const HEAD_COLUMNS = `p.user_id, p.display_name, p.time_zone, p.active,
  coalesce((select version from availability_version where provider_id = p.user_id), 0)`;
const HEAD_SQL = providerByIdOrSlugSql(HEAD_COLUMNS);

/** A provider by id or slug with its availability version: the one read a cache hit costs. */
export async function providerHead(db: Db, idOrSlug: string): Promise<ProviderHead | undefined> {
  const row = await db.$reads.get(HEAD_SQL, [idOrSlug]);
  if (!row) return undefined;
  return { id: String(row[0]), displayName: String(row[1]), timeZone: String(row[2]), active: row[3] === 1, version: Number(row[4]) };
}

const VERSION_SQL = 'select version from availability_version where provider_id = ?1';

/** The provider's availability version alone: what a cache hit costs (one primary-key read). */
export async function availabilityVersion(db: Db, providerId: string): Promise<number> {
  const row = await db.$reads.get(VERSION_SQL, [providerId]);
  return row ? Number(row[0]) : 0;
}

interface Waiting {
  promise: Promise<number>;
  resolve(version: number): void;
  reject(e: unknown): void;
}
const waitingOn = new WeakMap<Db, Map<string, Waiting>>();

/**
 * The provider's availability version as of a read that starts after this call: callers that ask
 * in the same turn of the event loop share that read. It runs in the turn's check phase
 * (setImmediate), after the turn's I/O callbacks have taken in every request that arrived, so a
 * burst of cache hits for one provider costs one read rather than one each. Still exact: every
 * caller asked before the read started, so it sees every change committed before any of them asked.
 */
export function availabilityVersionShared(db: Db, providerId: string): Promise<number> {
  let waiting = waitingOn.get(db);
  if (!waiting) {
    const batch = new Map<string, Waiting>();
    waitingOn.set(db, (waiting = batch));
    setImmediate(() => {
      // Callers from here on wait for a read of their own.
      waitingOn.delete(db);
      for (const [id, w] of batch) availabilityVersion(db, id).then(w.resolve, w.reject);
    });
  }
  let w = waiting.get(providerId);
  if (!w) {
    let resolve!: (v: number) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<number>((ok, fail) => ((resolve = ok), (reject = fail)));
    waiting.set(providerId, (w = { promise, resolve, reject }));
  }
  return w.promise;
}

const SCHEDULE_SQL = `select time_zone, weekly, buffer_before_min, buffer_after_min, min_notice_min, horizon_days,
  slot_interval_min, max_jobs_per_day, max_jobs_per_week from schedule where provider_id = ?1`;

/** The provider's rules without overrides (see `overridesBetween`), or undefined before they publish hours. */
export async function scheduleRules(db: Db, providerId: string): Promise<Schedule | undefined> {
  const r = await db.$reads.get(SCHEDULE_SQL, [providerId]);
  if (!r) return undefined;
  const maxDay = r[7] as number | null;
  const maxWeek = r[8] as number | null;
  return {
    timeZone: String(r[0]),
    weekly: JSON.parse(String(r[1])) as WeeklyHours,
    overrides: [],
    bufferBeforeMin: Number(r[2]),
    bufferAfterMin: Number(r[3]),
    minNoticeMin: Number(r[4]),
    horizonDays: Number(r[5]),
    slotIntervalMin: Number(r[6]),
    ...(maxDay ? { maxJobsPerDay: maxDay } : {}),
    ...(maxWeek ? { maxJobsPerWeek: maxWeek } : {}),
  };
}

const OVERRIDES_SQL = 'select date, ranges from schedule_override where provider_id = ?1 and date >= ?2 and date <= ?3';

/** Date overrides for local dates in [fromDate, toDate] (YYYY-MM-DD). */
export async function overridesBetween(db: Db, providerId: string, fromDate: string, toDate: string): Promise<Schedule['overrides']> {
  const rows = await db.$reads.all(OVERRIDES_SQL, [providerId, fromDate, toDate]);
  return rows.map((r) => ({ date: String(r[0]), ranges: JSON.parse(String(r[1])) as Schedule['overrides'][number]['ranges'] }));
}

// Walks booking_provider_busy_idx (provider, block_start, block_end, status, starts_at, ends_at) only.
const BOOKINGS_SQL = `select starts_at, ends_at from booking
  where provider_id = ?1 and block_start > ?2 and block_start < ?3 and block_end > ?4 and status in (${blocking})`;

// Walks external_busy_span_idx (provider, starts_at, ends_at) only.
const EXTERNAL_SQL = 'select starts_at, ends_at from external_busy where provider_id = ?1 and starts_at < ?2 and ends_at > ?3';

/** Bookings that hold the provider's time and Cal.com busy blocks meeting [from, to) (epoch ms). */
export async function busyBetween(db: Db, providerId: string, from: number, to: number): Promise<BusyBlock[]> {
  const [own, external] = await Promise.all([
    db.$reads.all(BOOKINGS_SQL, [providerId, from - MAX_BLOCK_MS, to, from]),
    db.$reads.all(EXTERNAL_SQL, [providerId, to, from]),
  ]);
  const busy: BusyBlock[] = new Array<BusyBlock>(own.length + external.length);
  let i = 0;
  for (const r of own) busy[i++] = { start: r[0] as number, end: r[1] as number, kind: 'booking' };
  for (const r of external) busy[i++] = { start: r[0] as number, end: r[1] as number, kind: 'external' };
  return busy;
}

const SYNC_SQL = 'select status, last_synced_at from calendar_connection where provider_id = ?1';

/** The Cal.com connection's state and last pull (epoch ms), for the freshness a slot list shows. */
export async function calendarSyncOf(
  db: Db,
  providerId: string,
): Promise<{ status: 'connected' | 'error' | 'disconnected'; lastSyncedAt: number | null } | undefined> {
  const r = await db.$reads.get(SYNC_SQL, [providerId]);
  return r ? { status: r[0] as 'connected' | 'error' | 'disconnected', lastSyncedAt: r[1] as number | null } : undefined;
}

// Page-wide reads (search cards). Id lists are padded to a multiple of 8 with '' (no provider has
// that id), so a handful of statement texts serve every page size and stay prepared.
function idList(ids: readonly string[], first: number): { sql: string; args: string[] } {
  const n = Math.max(8, Math.ceil(ids.length / 8) * 8);
  const args = [...ids, ...new Array<string>(n - ids.length).fill('')];
  return { sql: args.map((_, i) => `?${first + i}`).join(', '), args };
}

/** Availability versions of several providers (0 for none yet), in one indexed read. */
export async function availabilityVersions(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const list = idList(ids, 1);
  const rows = await db.$reads.all(`select provider_id, version from availability_version where provider_id in (${list.sql})`, list.args);
  const out = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const r of rows) out.set(String(r[0]), Number(r[1]));
  return out;
}

/** The rules (without overrides) of several providers; those without published hours are absent. */
export async function scheduleRulesOf(db: Db, ids: readonly string[]): Promise<Map<string, Schedule>> {
  const list = idList(ids, 1);
  const rows = await db.$reads.all(
    `select provider_id, time_zone, weekly, buffer_before_min, buffer_after_min, min_notice_min, horizon_days, slot_interval_min, max_jobs_per_day, max_jobs_per_week
     from schedule where provider_id in (${list.sql})`,
    list.args,
  );
  const out = new Map<string, Schedule>();
  for (const r of rows) {
    const maxDay = r[8] as number | null;
    const maxWeek = r[9] as number | null;
    out.set(String(r[0]), {
      timeZone: String(r[1]),
      weekly: JSON.parse(String(r[2])) as WeeklyHours,
      overrides: [],
      bufferBeforeMin: Number(r[3]),
      bufferAfterMin: Number(r[4]),
      minNoticeMin: Number(r[5]),
      horizonDays: Number(r[6]),
      slotIntervalMin: Number(r[7]),
      ...(maxDay ? { maxJobsPerDay: maxDay } : {}),
      ...(maxWeek ? { maxJobsPerWeek: maxWeek } : {}),
    });
  }
  return out;
}

/** Overrides of several providers for local dates in [fromDate, toDate]. */
export async function overridesOf(
  db: Db,
  ids: readonly string[],
  fromDate: string,
  toDate: string,
): Promise<Map<string, Schedule['overrides']>> {
  const list = idList(ids, 3);
  const rows = await db.$reads.all(
    `select provider_id, date, ranges from schedule_override where date >= ?1 and date <= ?2 and provider_id in (${list.sql})`,
    [fromDate, toDate, ...list.args],
  );
  const out = new Map<string, Schedule['overrides']>();
  for (const r of rows) {
    const id = String(r[0]);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ date: String(r[1]), ranges: JSON.parse(String(r[2])) as Schedule['overrides'][number]['ranges'] });
  }
  return out;
}

/** Bookings that hold time and Cal.com busy blocks of several providers meeting [from, to) (epoch ms). */
export async function busyOf(db: Db, ids: readonly string[], from: number, to: number): Promise<Map<string, BusyBlock[]>> {
  const list = idList(ids, 4);
  const ext = idList(ids, 3);
  const [own, external] = await Promise.all([
    db.$reads.all(
      `select provider_id, starts_at, ends_at from booking where block_start > ?1 and block_start < ?2 and block_end > ?3 and status in (${blocking}) and provider_id in (${list.sql})`,
      [from - MAX_BLOCK_MS, to, from, ...list.args],
    ),
    db.$reads.all(
      `select provider_id, starts_at, ends_at from external_busy where starts_at < ?1 and ends_at > ?2 and provider_id in (${ext.sql})`,
      [to, from, ...ext.args],
    ),
  ]);
  const out = new Map<string, BusyBlock[]>();
  const add = (r: unknown[], kind: BusyBlock['kind']) => {
    const id = String(r[0]);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ start: r[1] as number, end: r[2] as number, kind });
  };
  for (const r of own) add(r, 'booking');
  for (const r of external) add(r, 'external');
  return out;
}

/** The catalogue's search version (db/src/schema/availability.ts). */
export async function searchVersion(db: Db): Promise<number> {
  const row = await db.$reads.get('select version from search_version where id = 1', []);
  return row ? Number(row[0]) : 0;
}
