import { createHash } from 'node:crypto';
import { weeklyHoursSchema, weekdays, type WeeklyHours } from '@handled/core/availability';
import type { CalcomSchedule } from '@handled/integrations/calcom';
import { findProvider } from '../../repositories/providers.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { clientFor, describeCalcomError, loadConnected } from './account.ts';
import {
  patchConnection,
  replaceExternalBusy,
  replaceOverrides,
  scheduleRowOf,
  upsertExternalBusy,
  upsertSchedule,
  type BusyRow,
} from '../../repositories/calendar.ts';
import { followCalcomCopy, isOurs } from './moves.ts';
import { DAY_MS } from '@handled/core/durations';

export { HANDLED_KEY, isOurs } from './moves.ts';

export interface SyncResult {
  ok: boolean;
  busyBlocks: number;
  error?: string;
}

/** Cal.com's `[{days:["Monday"], startTime, endTime}]` as our weekly hours (invalid input: null). */
export function weeklyFromCalcom(s: CalcomSchedule): WeeklyHours | null {
  const weekly: Record<string, { start: string; end: string }[]> = Object.fromEntries(weekdays.map((d) => [d, []]));
  for (const a of s.availability)
    for (const d of a.days) weekly[d.toLowerCase()]?.push({ start: a.startTime.slice(0, 5), end: a.endTime.slice(0, 5) });
  const parsed = weeklyHoursSchema.safeParse(weekly);
  return parsed.success ? parsed.data : null;
}

/** Cal.com overrides (several per date; 00:00–00:00 means unavailable) as ours. */
export function overridesFromCalcom(s: CalcomSchedule) {
  const byDate = new Map<string, { start: string; end: string }[]>();
  for (const o of s.overrides) {
    const list = byDate.get(o.date) ?? [];
    const start = o.startTime.slice(0, 5);
    const end = o.endTime.slice(0, 5);
    if (!(start === '00:00' && end === '00:00')) list.push({ start, end });
    byDate.set(o.date, list);
  }
  return [...byDate].map(([date, ranges]) => ({ date, ranges }));
}

const busyId = (start: string, end: string) => `busy:${createHash('sha1').update(`${start}|${end}`).digest('hex').slice(0, 20)}`;

/**
 * Pull: the provider's Cal.com busy times and bookings (and, in Cal.com mode, the default schedule)
 * into `external_busy` / the schedule. Idempotent; failures are recorded on the connection and
 * slots keep showing from the last successful pull.
 */
export async function syncCalendar(deps: ServiceDeps, providerId: string): Promise<SyncResult> {
  const conn = await loadConnected(deps, deps.db, providerId);
  const provider = await findProvider(deps.db, providerId);
  if (!conn || !provider) return { ok: false, busyBlocks: 0, error: 'Not connected to Cal.com' };
  const now = deps.now();
  const { schedule: ours } = await scheduleRowOf(deps.db, providerId);
  const from = new Date(now.getTime() - DAY_MS);
  const to = new Date(now.getTime() + (Math.min(ours?.horizonDays ?? 60, 180) + 8) * DAY_MS);
  const cal = clientFor(deps, conn);
  try {
    const [calendars, bookings, schedule] = await Promise.all([
      cal.calendars(),
      cal.bookings({ afterStart: from.toISOString(), beforeEnd: to.toISOString() }),
      provider.calendarMode === 'calcom' ? cal.defaultSchedule() : Promise.resolve(null),
    ]);
    const toLoad = calendars.connectedCalendars.flatMap((cc) =>
      cc.calendars.filter((c) => c.isSelected !== false).map((c) => ({ credentialId: cc.credentialId, externalId: c.externalId })),
    );
    const busy = toLoad.length
      ? await cal.busyTimes({ dateFrom: from.toISOString(), dateTo: to.toISOString(), timeZone: 'UTC', calendars: toLoad })
      : [];

    const rows: BusyRow[] = [];
    for (const b of busy)
      rows.push({ externalId: busyId(b.start, b.end), title: 'Busy (calendar)', startsAt: new Date(b.start), endsAt: new Date(b.end) });
    for (const b of bookings) {
      if (isOurs(b) || (b.status !== 'accepted' && b.status !== 'pending')) continue;
      rows.push({
        externalId: `booking:${b.uid}`,
        title: b.title ?? 'Cal.com booking',
        startsAt: new Date(b.start),
        endsAt: new Date(b.end),
      });
    }
    // Ours follow their copies (a cancellation, a move proposed to the client, or a conflict), and a
    // moved copy is judged against what Cal.com says now: the rest of the busy time is stored first.
    await upsertExternalBusy(deps.db, providerId, rows, now);
    for (const b of bookings) {
      if (!isOurs(b)) continue;
      const row = await followCalcomCopy(deps, b);
      if (row) rows.push(row);
    }
    const unique = [...new Map(rows.map((r) => [r.externalId, r])).values()];

    await deps.db.transaction(async (tx) => {
      await replaceExternalBusy(tx, providerId, from, to, unique, now);
      if (schedule) {
        const weekly = weeklyFromCalcom(schedule);
        if (weekly) {
          await upsertSchedule(tx, { ...(ours ?? {}), providerId, timeZone: schedule.timeZone, weekly });
          await replaceOverrides(tx, providerId, overridesFromCalcom(schedule));
        }
      }
      await patchConnection(tx, providerId, { status: 'connected', lastSyncedAt: now, lastError: null });
    });
    return { ok: true, busyBlocks: unique.length };
  } catch (e) {
    const message = describeCalcomError(e);
    await patchConnection(deps.db, providerId, { status: 'error', lastError: message });
    deps.log.warn({ providerId, err: e instanceof Error ? e.message : String(e) }, 'Cal.com sync failed');
    return { ok: false, busyBlocks: 0, error: message };
  }
}

/** Job `calendar.sync`: pulls one provider, then schedules its next pull (the chain repairs lost webhooks). */
export async function runScheduledSync(deps: ServiceDeps, providerId: string): Promise<void> {
  const conn = await loadConnected(deps, deps.db, providerId);
  if (!conn) return;
  await syncCalendar(deps, providerId);
  await scheduleNextSync(deps, providerId);
}

export async function scheduleNextSync(deps: ServiceDeps, providerId: string, delayMs?: number): Promise<void> {
  const every = (deps.calcom?.settings.syncIntervalMin ?? 5) * 60_000;
  const now = deps.now().getTime();
  const at = delayMs === undefined ? Math.ceil((now + 1) / every) * every : now + delayMs;
  await enqueue(
    deps.db,
    { type: 'calendar.sync', payload: { providerId }, key: `calendar.sync:${providerId}:${at}`, runAt: new Date(at), maxAttempts: 3 },
    deps.now(),
  );
}
