/**
 * Time-zone arithmetic on plain numbers (epoch milliseconds), built on Intl.
 *
 * "Local ms" is a wall-clock time written as if it were UTC (local 2025-03-09 09:00 ->
 * Date.UTC(2025, 2, 9, 9)); a "day number" is local ms / 86 400 000, floored. Offsets are memoised
 * per zone and instant, so repeated calls for the same schedule cost a map lookup.
 */

import { DAY_MS, HOUR_MS } from '../durations.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetMemo = new Map<string, Map<number, number>>();
// Bounded across all zones (~100k numbers); cleared wholesale when full, which only costs speed.
const MEMO_LIMIT = 100_000;
let memoSize = 0;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** UTC offset of `zone` at instant `t`, in milliseconds (New York in winter: -5 h). */
export function zoneOffsetMs(zone: string, t: number): number {
  let memo = offsetMemo.get(zone);
  if (!memo) {
    memo = new Map();
    offsetMemo.set(zone, memo);
  }
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  const secondT = Math.floor(t / 1000) * 1000;
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0;
  for (const p of formatter(zone).formatToParts(secondT)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value) % 24;
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
    }
  }
  const offset = Date.UTC(y, mo - 1, d, h, mi, s) - secondT;
  if (memoSize >= MEMO_LIMIT) {
    for (const m of offsetMemo.values()) m.clear();
    memoSize = 0;
  }
  memo.set(t, offset);
  memoSize++;
  return offset;
}

/** Wall-clock time of instant `t` in `zone`, as local ms. */
export function toLocalMs(zone: string, t: number): number {
  return t + zoneOffsetMs(zone, t);
}

/** Local calendar day number of instant `t`. */
export function localDayOf(zone: string, t: number): number {
  return Math.floor(toLocalMs(zone, t) / DAY_MS);
}

// Offsets run from -12 h to +14 h, so the instant showing local time L lies in [L - 14 h, L + 12 h].
const BEFORE = 15 * HOUR_MS;
const AFTER = 13 * HOUR_MS;

/**
 * The first instant at which the wall clock in `zone` shows `local` or later.
 * - Autumn (a wall time happens twice): the first occurrence.
 * - Spring (a wall time is skipped): the moment the clocks jump, i.e. the first instant past it.
 * Assumes at most one offset change within ~28 hours, true of every real zone since 1970.
 */
export function localToUtc(zone: string, local: number): number {
  const before = zoneOffsetMs(zone, local - BEFORE);
  const after = zoneOffsetMs(zone, local + AFTER);
  if (before === after) return local - before;
  const early = local - before;
  const late = local - after;
  const first = Math.min(early, late);
  const second = Math.max(early, late);
  if (first + zoneOffsetMs(zone, first) === local) return first;
  if (second + zoneOffsetMs(zone, second) === local) return second;
  // A gap: find the transition, the first instant whose offset is the new one (to the second).
  let lo = Math.floor(first / 1000);
  let hi = Math.ceil(second / 1000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(zone, mid * 1000) === after) hi = mid;
    else lo = mid + 1;
  }
  return lo * 1000;
}

/**
 * Whether `zone` has the same offset through the whole local day `day`, so every wall time on it
 * converts with one subtraction. Returns that offset, or null when the day needs `localToUtc`.
 */
export function steadyOffsetOn(zone: string, day: number): number | null {
  const before = zoneOffsetMs(zone, day * DAY_MS - BEFORE);
  const after = zoneOffsetMs(zone, (day + 1) * DAY_MS + AFTER);
  return before === after ? before : null;
}

/** Day number -> "YYYY-MM-DD". */
export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" -> day number. Assumes a validated date. */
export function isoDateToDay(ymd: string): number {
  return Math.floor(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY_MS);
}

/** 0 = Monday ... 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Day number of the Monday starting the week that contains `day`. */
export function mondayOf(day: number): number {
  return day - weekdayIndex(day);
}
