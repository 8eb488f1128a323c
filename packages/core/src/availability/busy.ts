import { DomainError } from '../errors.ts';
import type { BusyBlock } from './schedule.schema.ts';
import { localDayOf, mondayOf } from './zone.ts';
import { MINUTE_MS } from '../durations.ts';

/** Merged, sorted intervals that a new job's own time [start, end) must not touch. */
export interface Blocked {
  starts: number[];
  ends: number[];
}

export function toMs(value: Date | string | number, what: string): number {
  const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new DomainError('INVALID_INPUT', `${what} is not a valid date-time`, { value: String(value) });
  return ms;
}

/**
 * Widen every busy block to the stretch the new job's body must stay out of, then sort and merge.
 * - booking: its own buffers (before/after) plus the new job's buffers, so two jobs are always
 *   separated by after + before: [start - before - after, end + after + before).
 * - external (Cal.com busy time): taken as it is; only the new job's buffers keep clear of it:
 *   [start - after, end + before).
 * Blocks with end <= start are ignored.
 */
export function blockedIntervals(busy: readonly BusyBlock[], bufferBeforeMin: number, bufferAfterMin: number): Blocked {
  const before = bufferBeforeMin * MINUTE_MS;
  const after = bufferAfterMin * MINUTE_MS;
  const raw: Array<[number, number]> = [];
  for (const b of busy) {
    const s = toMs(b.start, 'Busy start');
    const e = toMs(b.end, 'Busy end');
    if (e <= s) continue;
    raw.push(b.kind === 'booking' ? [s - before - after, e + after + before] : [s - after, e + before]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of raw) {
    const last = ends.length - 1;
    const lastEnd = ends[last];
    if (lastEnd !== undefined && s <= lastEnd) ends[last] = Math.max(lastEnd, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts, ends };
}

/**
 * If [start, end) touches a blocked interval, the end of that interval (the first instant the job
 * body could start after it); otherwise null. Binary search: O(log n).
 */
export function blockingEnd(blocked: Blocked, start: number, end: number): number | null {
  const { starts, ends } = blocked;
  // First interval whose end is after `start`.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] ?? 0) > start) hi = mid;
    else lo = mid + 1;
  }
  const s = starts[lo];
  return s !== undefined && s < end ? (ends[lo] ?? null) : null;
}

/** Bookings per provider-local day and per Monday-based week (keys are day numbers). */
export interface JobCounts {
  perDay: Map<number, number>;
  perWeek: Map<number, number>;
}

/** A job belongs to the provider-local day on which it starts. Only 'booking' items count. */
export function countJobs(busy: readonly BusyBlock[], zone: string): JobCounts {
  const perDay = new Map<number, number>();
  const perWeek = new Map<number, number>();
  for (const b of busy) {
    if (b.kind !== 'booking') continue;
    const s = toMs(b.start, 'Busy start');
    if (toMs(b.end, 'Busy end') <= s) continue;
    const day = localDayOf(zone, s);
    const week = mondayOf(day);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
  }
  return { perDay, perWeek };
}
