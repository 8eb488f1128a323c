import { scheduleSchema, type WeeklyHours } from '@handled/core/availability';
import { DomainError } from '@handled/core/errors';
import { weekdayNames } from '@handled/integrations/calcom';
import { calendarSyncOf } from '../../repositories/availability.ts';
import { findProvider } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { asDomainError, clientFor } from './account.ts';
import {
  connectionOf,
  removeOverride,
  scheduleRowOf,
  upsertOverride,
  upsertSchedule,
  type ConnectionRow,
} from '../../repositories/calendar.ts';
import { DAY_MS } from '@handled/core/durations';

export interface RulesInput {
  timeZone?: string | undefined;
  bufferBeforeMin?: number | undefined;
  bufferAfterMin?: number | undefined;
  minNoticeMin?: number | undefined;
  horizonDays?: number | undefined;
  slotIntervalMin?: number | undefined;
  maxJobsPerDay?: number | null | undefined;
  maxJobsPerWeek?: number | null | undefined;
}

/** The emulated Cal.com's page (where the sandbox account's API key is shown), or null against a real Cal.com. */
export function sandboxCalcomPage(settings: { sandboxPage?: string } | undefined): string | null {
  return settings?.sandboxPage ?? null;
}

/** Connection health for the desk app: when the last pull worked and whether slots are stale. */
/** Slots come from a pull older than three intervals, or the last one failed. */
function busyIsStale(deps: ServiceDeps, status: ConnectionRow['status'], lastSyncedAt: number | undefined): boolean {
  const every = (deps.calcom?.settings.syncIntervalMin ?? 5) * 60_000;
  return status === 'error' || lastSyncedAt === undefined || deps.now().getTime() - lastSyncedAt > 3 * every;
}

export function connectionView(deps: ServiceDeps, conn: ConnectionRow | undefined) {
  if (!conn) return { connected: false as const, available: Boolean(deps.calcom), sandboxPage: sandboxCalcomPage(deps.calcom?.settings) };
  const every = (deps.calcom?.settings.syncIntervalMin ?? 5) * 60_000;
  const last = conn.lastSyncedAt?.getTime();
  const breaker = deps.calcom?.breakerOf(conn.providerId).state;
  return {
    connected: true as const,
    available: Boolean(deps.calcom),
    sandboxPage: sandboxCalcomPage(deps.calcom?.settings),
    kind: conn.kind,
    status: conn.status,
    username: conn.username,
    eventTypeId: conn.eventTypeId,
    lastSyncedAt: conn.lastSyncedAt?.toISOString() ?? null,
    lastError: conn.lastError,
    stale: busyIsStale(deps, conn.status, last),
    /** cockatiel's state: 0 closed, 1 open (not calling Cal.com), 2 half-open. */
    breakerOpen: breaker === 1,
    syncIntervalMin: every / 60_000,
  };
}

async function current(deps: ServiceDeps, providerId: string) {
  const provider = await findProvider(deps.db, providerId);
  if (!provider) throw new DomainError('NOT_FOUND', 'Only providers have a calendar.');
  const { schedule, overrides } = await scheduleRowOf(deps.db, providerId);
  return { provider, schedule, overrides };
}

export async function calendarSettings(deps: ServiceDeps, providerId: string) {
  const { provider, schedule, overrides } = await current(deps, providerId);
  const today = new Date(deps.now().getTime() - DAY_MS).toISOString().slice(0, 10);
  return {
    mode: provider.calendarMode,
    timeZone: schedule?.timeZone ?? provider.timeZone,
    weekly: schedule?.weekly ?? null,
    rules: schedule
      ? {
          bufferBeforeMin: schedule.bufferBeforeMin,
          bufferAfterMin: schedule.bufferAfterMin,
          minNoticeMin: schedule.minNoticeMin,
          horizonDays: schedule.horizonDays,
          slotIntervalMin: schedule.slotIntervalMin,
          maxJobsPerDay: schedule.maxJobsPerDay,
          maxJobsPerWeek: schedule.maxJobsPerWeek,
        }
      : null,
    overrides: overrides.filter((o) => o.date >= today).map((o) => ({ date: o.date, ranges: o.ranges, note: o.note })),
    /** In Cal.com mode, hours and date overrides are Cal.com's: edits here are written there too. */
    hoursFrom: provider.calendarMode === 'calcom' ? ('calcom' as const) : ('app' as const),
    connection: connectionView(deps, await connectionOf(deps.db, providerId)),
  };
}

/** Validates the whole schedule with the engine's schema, so an edit can never leave it unusable. */
function validated(
  timeZone: string,
  weekly: WeeklyHours,
  overrides: { date: string; ranges: { start: string; end: string }[] }[],
  rules: RulesInput,
) {
  const parsed = scheduleSchema.safeParse({
    timeZone,
    weekly,
    overrides,
    ...Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== null && v !== undefined)),
  });
  if (!parsed.success)
    throw new DomainError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Invalid schedule', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  return parsed.data;
}

const emptyWeek: WeeklyHours = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };

async function writeSchedule(deps: ServiceDeps, providerId: string, change: { weekly?: WeeklyHours; rules?: RulesInput }) {
  const { provider, schedule, overrides } = await current(deps, providerId);
  const rules: RulesInput = {
    bufferBeforeMin: schedule?.bufferBeforeMin,
    bufferAfterMin: schedule?.bufferAfterMin,
    minNoticeMin: schedule?.minNoticeMin,
    horizonDays: schedule?.horizonDays,
    slotIntervalMin: schedule?.slotIntervalMin,
    maxJobsPerDay: schedule?.maxJobsPerDay,
    maxJobsPerWeek: schedule?.maxJobsPerWeek,
    ...change.rules,
  };
  const timeZone = change.rules?.timeZone ?? schedule?.timeZone ?? provider.timeZone;
  const weekly = change.weekly ?? (schedule?.weekly as WeeklyHours | undefined) ?? emptyWeek;
  const s = validated(
    timeZone,
    weekly,
    overrides.map((o) => ({ date: o.date, ranges: o.ranges })),
    rules,
  );
  if (provider.calendarMode === 'calcom' && (change.weekly || change.rules?.timeZone))
    await pushHours(deps, providerId, { timeZone: s.timeZone, weekly: s.weekly });
  await upsertSchedule(deps.db, {
    providerId,
    timeZone: s.timeZone,
    weekly: s.weekly,
    bufferBeforeMin: s.bufferBeforeMin,
    bufferAfterMin: s.bufferAfterMin,
    minNoticeMin: s.minNoticeMin,
    horizonDays: s.horizonDays,
    slotIntervalMin: s.slotIntervalMin,
    maxJobsPerDay:
      change.rules && 'maxJobsPerDay' in change.rules ? (change.rules.maxJobsPerDay ?? null) : (schedule?.maxJobsPerDay ?? null),
    maxJobsPerWeek:
      change.rules && 'maxJobsPerWeek' in change.rules ? (change.rules.maxJobsPerWeek ?? null) : (schedule?.maxJobsPerWeek ?? null),
  });
  return calendarSettings(deps, providerId);
}

export const updateRules = (deps: ServiceDeps, providerId: string, rules: RulesInput) => writeSchedule(deps, providerId, { rules });
export const updateWeeklyHours = (deps: ServiceDeps, providerId: string, weekly: WeeklyHours) =>
  writeSchedule(deps, providerId, { weekly });

/** In Cal.com mode the hours live there: write them to the default schedule first (nothing here changes if that fails). */
async function pushHours(
  deps: ServiceDeps,
  providerId: string,
  input: { timeZone: string; weekly: WeeklyHours; overrides?: { date: string; ranges: { start: string; end: string }[] }[] },
) {
  const conn = await connectionOf(deps.db, providerId);
  if (!conn) return;
  const cal = clientFor(deps, conn);
  try {
    const schedule = await cal.defaultSchedule();
    if (!schedule) return;
    const availability = weekdayNames.flatMap((d) =>
      (input.weekly[d.toLowerCase() as keyof WeeklyHours] ?? []).map((r) => ({
        days: [d],
        startTime: r.start === '24:00' ? '23:59' : r.start,
        endTime: r.end === '24:00' ? '23:59' : r.end,
      })),
    );
    const overrides = input.overrides?.flatMap((o) =>
      o.ranges.length
        ? o.ranges.map((r) => ({ date: o.date, startTime: r.start, endTime: r.end === '24:00' ? '23:59' : r.end }))
        : [{ date: o.date, startTime: '00:00', endTime: '00:00' }],
    );
    await cal.updateSchedule(schedule.id, { timeZone: input.timeZone, availability, ...(overrides ? { overrides } : {}) });
  } catch (e) {
    asDomainError(e);
  }
}

export async function addOverride(
  deps: ServiceDeps,
  providerId: string,
  input: { date: string; ranges: { start: string; end: string }[]; note?: string | undefined },
) {
  const { provider, schedule, overrides } = await current(deps, providerId);
  if (!schedule) throw new DomainError('INVALID_INPUT', 'Set your weekly hours first.');
  const list = [
    ...overrides.filter((o) => o.date !== input.date).map((o) => ({ date: o.date, ranges: o.ranges })),
    { date: input.date, ranges: input.ranges },
  ];
  const s = validated(schedule.timeZone, schedule.weekly as WeeklyHours, list, {});
  if (provider.calendarMode === 'calcom') await pushHours(deps, providerId, { timeZone: s.timeZone, weekly: s.weekly, overrides: list });
  await upsertOverride(deps.db, providerId, input.date, input.ranges, input.note ?? '');
  return calendarSettings(deps, providerId);
}

export async function deleteOverride(deps: ServiceDeps, providerId: string, date: string) {
  const { provider, schedule, overrides } = await current(deps, providerId);
  if (provider.calendarMode === 'calcom' && schedule)
    await pushHours(deps, providerId, {
      timeZone: schedule.timeZone,
      weekly: schedule.weekly as WeeklyHours,
      overrides: overrides.filter((o) => o.date !== date).map((o) => ({ date: o.date, ranges: o.ranges })),
    });
  const n = await removeOverride(deps.db, providerId, date);
  if (n === 0) throw new DomainError('NOT_FOUND', 'There is no override on that date.');
  return calendarSettings(deps, providerId);
}

/** What a client may know: slots include Cal.com busy time as of `lastSyncedAt` (null: no Cal.com). */
/** How fresh the provider's Cal.com busy time is, for slot lists (null without a connection). */
export async function busyFreshness(deps: ServiceDeps, providerId: string) {
  const conn = await calendarSyncOf(deps.db, providerId);
  if (!conn || conn.status === 'disconnected') return null;
  const last = conn.lastSyncedAt ?? undefined;
  return {
    source: 'calcom' as const,
    lastSyncedAt: last === undefined ? null : new Date(last).toISOString(),
    stale: busyIsStale(deps, conn.status, last),
  };
}
