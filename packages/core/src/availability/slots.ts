import { DomainError } from '../errors.ts';
import { blockedIntervals, blockingEnd, countJobs, toMs, type Blocked, type JobCounts } from './busy.ts';
import { isValidTimeZone, type BusyBlock, type Schedule } from './schedule.schema.ts';
import { compileHours, workingRanges, type WorkingRange } from './working-ranges.ts';
import { localDayOf, mondayOf } from './zone.ts';
import { DAY_MS, MINUTE_MS } from '../durations.ts';

export interface AvailableSlot {
  start: Date;
  end: Date;
}

export type Instant = Date | string;

export const slotRejections = {
  too_soon: 'That time is too soon: the provider needs more notice.',
  beyond_horizon: 'That time is too far ahead: the provider does not take bookings that far out.',
  outside_hours: "The job would not fit inside the provider's working hours.",
  misaligned: "Jobs start on the provider's slot grid; pick one of the offered times.",
  overlaps: 'The provider is busy then (another job or its travel and set-up time).',
  daily_limit: 'The provider has reached the most jobs they take that day.',
  weekly_limit: 'The provider has reached the most jobs they take that week.',
} as const;

export type SlotRejection = keyof typeof slotRejections;

export type SlotCheck = { ok: true } | { ok: false; reason: SlotRejection; message: string };

/** Everything the predicate needs, prepared once per call. */
interface Engine {
  ranges: WorkingRange[];
  blocked: Blocked;
  counts: JobCounts;
  earliest: number;
  horizonEnd: number;
  lengthMs: number;
  stepMs: number;
  maxJobsPerDay: number | undefined;
  maxJobsPerWeek: number | undefined;
}

function lengthToMs(lengthMin: number): number {
  if (!Number.isInteger(lengthMin) || lengthMin <= 0 || lengthMin > 7 * 24 * 60) {
    throw new DomainError('INVALID_INPUT', 'Job length must be a whole number of minutes, up to 7 days', { lengthMin });
  }
  return lengthMin * MINUTE_MS;
}

/**
 * Cheap guards for schedules that skipped `scheduleSchema` (e.g. built from database rows): a zero
 * interval would never advance, and NaN would silently list nothing.
 */
function assertUsable(s: Schedule): void {
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  if (
    !whole(s.slotIntervalMin, 1) ||
    !whole(s.horizonDays, 1) ||
    !whole(s.minNoticeMin, 0) ||
    !whole(s.bufferBeforeMin, 0) ||
    !whole(s.bufferAfterMin, 0) ||
    (s.maxJobsPerDay != null && !whole(s.maxJobsPerDay, 0)) ||
    (s.maxJobsPerWeek != null && !whole(s.maxJobsPerWeek, 0))
  ) {
    throw new DomainError('INVALID_INPUT', 'The schedule has invalid numbers; validate it with scheduleSchema', { timeZone: s.timeZone });
  }
  if (!isValidTimeZone(s.timeZone)) throw new DomainError('INVALID_INPUT', `Unknown time zone ${s.timeZone}`);
}

/** Prepare for candidate starts in [firstStart, lastStart]: ranges for those days (and the job's end). */
function prepare(
  schedule: Schedule,
  busy: readonly BusyBlock[],
  lengthMs: number,
  now: number,
  firstStart: number,
  lastStart: number,
): Engine {
  assertUsable(schedule);
  const hours = compileHours(schedule);
  const zone = schedule.timeZone;
  const firstDay = localDayOf(zone, firstStart) - 1;
  const lastDay = localDayOf(zone, lastStart + lengthMs) + 1;
  return {
    ranges: workingRanges(hours, firstDay, lastDay),
    blocked: blockedIntervals(busy, schedule.bufferBeforeMin, schedule.bufferAfterMin),
    // Counting places every booking on a local date: only worth it when a limit reads the counts.
    counts:
      schedule.maxJobsPerDay != null || schedule.maxJobsPerWeek != null ? countJobs(busy, zone) : { perDay: new Map(), perWeek: new Map() },
    earliest: now + schedule.minNoticeMin * MINUTE_MS,
    horizonEnd: now + schedule.horizonDays * DAY_MS,
    lengthMs,
    stepMs: schedule.slotIntervalMin * MINUTE_MS,
    maxJobsPerDay: schedule.maxJobsPerDay,
    maxJobsPerWeek: schedule.maxJobsPerWeek,
  };
}

/** The working range containing instant t (ranges never overlap), or undefined. */
function rangeAt(ranges: readonly WorkingRange[], t: number): WorkingRange | undefined {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid]?.start ?? 0) <= t) lo = mid + 1;
    else hi = mid;
  }
  const r = ranges[lo - 1];
  return r && t < r.end ? r : undefined;
}

/** THE predicate. Listing and checking both call it, so they cannot disagree (Cal.com #29532). */
function evaluate(e: Engine, t: number): SlotRejection | null {
  const end = t + e.lengthMs;
  if (t < e.earliest) return 'too_soon';
  if (end > e.horizonEnd) return 'beyond_horizon';
  const r = rangeAt(e.ranges, t);
  if (!r) return 'outside_hours';
  if ((t - r.start) % e.stepMs !== 0) return 'misaligned';
  if (end > r.blockEnd) return 'outside_hours';
  if (blockingEnd(e.blocked, t, end) !== null) return 'overlaps';
  if (e.maxJobsPerDay !== undefined && (e.counts.perDay.get(r.day) ?? 0) >= e.maxJobsPerDay) return 'daily_limit';
  if (e.maxJobsPerWeek !== undefined && (e.counts.perWeek.get(mondayOf(r.day)) ?? 0) >= e.maxJobsPerWeek) return 'weekly_limit';
  return null;
}

/** Starts in [from, to) that a job of `lengthMin` can be booked at, in order. */
function listStarts(schedule: Schedule, busy: readonly BusyBlock[], lengthMs: number, from: number, to: number, now: number): number[] {
  assertUsable(schedule);
  const earliest = now + schedule.minNoticeMin * MINUTE_MS;
  const lo = Math.max(from, earliest);
  const hi = Math.min(to - 1, now + schedule.horizonDays * DAY_MS - lengthMs);
  if (lo > hi) return [];
  const e = prepare(schedule, busy, lengthMs, now, lo, hi);
  const out: number[] = [];
  const step = e.stepMs;
  for (const r of e.ranges) {
    if (r.end <= lo || r.start > hi) continue;
    let t = r.start + Math.ceil(Math.max(0, lo - r.start) / step) * step;
    while (t < r.end && t <= hi) {
      const reason = evaluate(e, t);
      if (reason === null) {
        out.push(t);
        t += step;
      } else if (reason === 'overlaps') {
        // Skip the whole busy stretch instead of stepping through it.
        const free = blockingEnd(e.blocked, t, t + e.lengthMs) ?? t + step;
        t = r.start + Math.ceil((free - r.start) / step) * step;
      } else if (reason === 'misaligned' || reason === 'too_soon') {
        t += step; // cannot happen on the grid past `lo`; kept so the loop always advances
      } else {
        break; // past the block end, the horizon or the day's limit: later starts in r fail too
      }
    }
  }
  return out;
}

/**
 * Bookable slots for a job of `lengthMin` minutes whose start lies in [range.from, range.to),
 * ordered, as UTC instants. `busy` must include the provider's bookings for every day and week the
 * range touches (for the daily/weekly limits), and Cal.com busy blocks.
 */
export function listSlots(
  schedule: Schedule,
  busy: readonly BusyBlock[],
  lengthMin: number,
  range: { from: Instant; to: Instant },
  now: Instant,
): AvailableSlot[] {
  const lengthMs = lengthToMs(lengthMin);
  const starts = listStarts(schedule, busy, lengthMs, toMs(range.from, 'Range start'), toMs(range.to, 'Range end'), toMs(now, 'Now'));
  return starts.map((t) => ({ start: new Date(t), end: new Date(t + lengthMs) }));
}

/**
 * The same starts as `listSlots`, as epoch milliseconds: for callers that pack them (the API's
 * compact slot lists) and need no Date per slot.
 */
export function listSlotStarts(
  schedule: Schedule,
  busy: readonly BusyBlock[],
  lengthMin: number,
  range: { from: Instant | number; to: Instant | number },
  now: Instant | number,
): number[] {
  return listStarts(schedule, busy, lengthToMs(lengthMin), toMs(range.from, 'Range start'), toMs(range.to, 'Range end'), toMs(now, 'Now'));
}

/** Whether a job of `lengthMin` minutes can be booked at `start`: the same rules as `listSlots`. */
export function checkSlot(schedule: Schedule, busy: readonly BusyBlock[], start: Instant, lengthMin: number, now: Instant): SlotCheck {
  const lengthMs = lengthToMs(lengthMin);
  const t = toMs(start, 'Slot start');
  const reason = evaluate(prepare(schedule, busy, lengthMs, toMs(now, 'Now'), t, t), t);
  return reason === null ? { ok: true } : { ok: false, reason, message: slotRejections[reason] };
}

/** Like `checkSlot`, but throws a coded `SLOT_UNAVAILABLE` error for services to surface. */
export function assertSlot(schedule: Schedule, busy: readonly BusyBlock[], start: Instant, lengthMin: number, now: Instant): void {
  const check = checkSlot(schedule, busy, start, lengthMin, now);
  if (!check.ok) throw new DomainError('SLOT_UNAVAILABLE', check.message, { reason: check.reason });
}

/** The first bookable slot from `now` within the horizon (for provider cards), or null. */
export function nextAvailable(schedule: Schedule, busy: readonly BusyBlock[], lengthMin: number, now: Instant): AvailableSlot | null {
  const lengthMs = lengthToMs(lengthMin);
  const nowMs = toMs(now, 'Now');
  const horizonEnd = nowMs + schedule.horizonDays * DAY_MS;
  // A week at a time, so a provider free tomorrow costs one small window, not the whole horizon.
  for (let from = nowMs; from < horizonEnd; from += 7 * DAY_MS) {
    const first = listStarts(schedule, busy, lengthMs, from, Math.min(from + 7 * DAY_MS, horizonEnd), nowMs)[0];
    if (first !== undefined) return { start: new Date(first), end: new Date(first + lengthMs) };
  }
  return null;
}
