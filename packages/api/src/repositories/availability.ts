import type { BusyBlock, Schedule, WeeklyHours } from '@handled/core/availability';
import type { Db } from '@handled/db';
import { blockingStatuses } from './bookings.ts';

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
const HEAD_SQL = `select ${HEAD_COLUMNS} from provider_profile p where p.user_id = ?1
  union all select ${HEAD_COLUMNS} from provider_profile p where p.slug = ?1 limit 1`;

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
export async function calendarSyncOf(db: Db, providerId: string): Promise<{ status: 'connected' | 'error' | 'disconnected'; lastSyncedAt: number | null } | undefined> {
  const r = await db.$reads.get(SYNC_SQL, [providerId]);
  return r ? { status: r[0] as 'connected' | 'error' | 'disconnected', lastSyncedAt: r[1] as number | null } : undefined;
}
