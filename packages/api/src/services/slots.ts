import { type Schedule, listSlotStarts, packSlotDays, type PackedSlotDay } from '@handled/core/availability';
import { dayToIsoDate, localDayOf } from '@handled/core/zone';
import { DAY_MS, MINUTE_MS } from '@handled/core/durations';
import { DomainError } from '@handled/core/errors';
import { availabilityVersionShared, busyBetween, overridesBetween, providerHead, scheduleRules } from '../repositories/availability.ts';
import { availabilityCacheOf } from './availability-cache.ts';
import { busyFreshness } from './calendar/settings.ts';
import type { ServiceDeps } from './deps.ts';

export interface SlotsInput {
  providerId: string;
  from: string;
  to: string;
  hours: number;
  viewerTimeZone: string;
}

/** A provider's free starts for one job length, each once, grouped by the viewer's dates. */
export interface SlotsAnswer {
  providerTimeZone: string;
  viewerTimeZone: string;
  /** Nothing is offered after this instant (now + the provider's booking horizon). */
  horizonEnd: string;
  /** The job length every slot has, in minutes. */
  lengthMin: number;
  /** `isoSlotsOf(answer)` or `unpackSlotDays(days, lengthMin)` lists them; labels are made where shown. */
  days: PackedSlotDay[];
  /** Cal.com busy time as of its last sync; `stale` when Cal.com could not be reached lately. */
  calendarSync: Awaited<ReturnType<typeof busyFreshness>>;
}

const MAX_RANGE_MS = 62 * DAY_MS;

/**
 * The stretch of time whose bookings and busy blocks can change the starts in [from, to), or null
 * when notice and horizon leave no start at all. A booking keeps both jobs' buffers clear of each
 * other and a busy block the new job's, so the buffers pad both ends. Daily and weekly limits count
 * the jobs of every day and week the starts touch, so those widen it, only when they are set.
 */
export function busyWindow(
  schedule: Schedule,
  from: number,
  to: number,
  lengthMs: number,
  now: number,
): { from: number; to: number } | null {
  const first = Math.max(from, now + schedule.minNoticeMin * MINUTE_MS);
  const last = Math.min(to, now + schedule.horizonDays * DAY_MS - lengthMs);
  if (first > last) return null;
  const pad = (schedule.bufferBeforeMin + schedule.bufferAfterMin) * MINUTE_MS;
  let lo = first - pad;
  let hi = last + lengthMs + pad;
  const around = schedule.maxJobsPerWeek ? 8 * DAY_MS : schedule.maxJobsPerDay ? 2 * DAY_MS : 0;
  if (around) {
    lo = Math.min(lo, first - around);
    hi = Math.max(hi, last + lengthMs + around);
  }
  return { from: lo, to: hi };
}

/** Reads what the engine needs for the starts in [from, to): the rules, that stretch's overrides and busy time. */
export async function loadWindow(
  deps: ServiceDeps,
  providerId: string,
  schedule: Schedule,
  from: number,
  to: number,
  lengthMs: number,
  now: number,
) {
  const window = busyWindow(schedule, from, to, lengthMs, now);
  if (!window) return null;
  const zone = schedule.timeZone;
  // Working ranges chain across midnight, so the days either side of the window count too.
  const firstDate = dayToIsoDate(localDayOf(zone, window.from) - 2);
  const lastDate = dayToIsoDate(localDayOf(zone, window.to) + 2);
  const [overrides, busy] = await Promise.all([
    overridesBetween(deps.db, providerId, firstDate, lastDate),
    busyBetween(deps.db, providerId, window.from, window.to),
  ]);
  return { schedule: { ...schedule, overrides }, busy };
}

/**
 * A provider's free slots for the site, the desk and the bot. Answered from the availability cache
 * when the provider's availability version is unchanged (one indexed read, shared by the requests
 * of one event-loop turn: see `availabilityVersionShared`); otherwise read for the
 * window only, listed by the engine, packed, and cached until the first start gets too close.
 */
export async function providerSlots(deps: ServiceDeps, input: SlotsInput): Promise<SlotsAnswer> {
  const now = deps.now().getTime();
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  if (to - from > MAX_RANGE_MS) throw new DomainError('INVALID_INPUT', 'Ask for at most two months of slots at once.');
  if (to <= from) throw new DomainError('INVALID_INPUT', 'The end of the range must be after its start.');
  const lengthMin = Math.round(input.hours * 60);
  // A range starting in the past answers the same as one starting now: no start is before now.
  const key = `${from <= now ? 'now' : from}|${to}|${lengthMin}|${input.viewerTimeZone}`;
  const cache = availabilityCacheOf<SlotsAnswer>(deps.db, 'slots');
  const known = cache.idOf(input.providerId);
  if (known !== undefined) {
    const cached = cache.get(known, await availabilityVersionShared(deps.db, known), key, now);
    if (cached) return cached;
  }

  const head = await providerHead(deps.db, input.providerId);
  if (!head || !head.active) throw new DomainError('NOT_FOUND', 'We could not find that provider.');
  cache.rememberId(input.providerId, head.id);
  const cached = cache.get(head.id, head.version, key, now);
  if (cached) return cached;

  const schedule = await scheduleRules(deps.db, head.id);
  if (!schedule) throw new DomainError('SLOT_UNAVAILABLE', `${head.displayName} has not published working hours yet.`);
  const lengthMs = lengthMin * MINUTE_MS;
  const loaded = await loadWindow(deps, head.id, schedule, from, to, lengthMs, now);
  const starts = loaded ? listSlotStarts(loaded.schedule, loaded.busy, lengthMin, { from, to }, now) : [];
  const answer: SlotsAnswer = {
    providerTimeZone: head.timeZone,
    viewerTimeZone: input.viewerTimeZone,
    horizonEnd: new Date(now + schedule.horizonDays * DAY_MS).toISOString(),
    lengthMin,
    days: packSlotDays(starts, input.viewerTimeZone),
    calendarSync: await busyFreshness(deps, head.id),
  };
  // The first start stops being bookable once it is closer than the notice: the answer holds until then.
  const first = starts[0];
  cache.set(head.id, head.version, key, answer, first === undefined ? Infinity : first - schedule.minNoticeMin * MINUTE_MS, now);
  return answer;
}
