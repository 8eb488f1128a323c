import { parseClock, weekdays, type Schedule, type TimeRange } from './schedule.schema.ts';
import { isoDateToDay, localToUtc, steadyOffsetOn, weekdayIndex } from './zone.ts';
import { DAY_MS, MINUTE_MS } from '../durations.ts';

/** One day's working range as instants, with the end of the chain of ranges it belongs to. */
export interface WorkingRange {
  /** First instant of the range (UTC ms); slot starts are aligned to it. */
  start: number;
  /** End of the range (UTC ms, exclusive). */
  end: number;
  /** End of the contiguous working block: touching ranges (12:00 | 12:00, 24:00 | 00:00) chain. */
  blockEnd: number;
  /** The provider-local day the range belongs to (a day number). */
  day: number;
}

/** Minute ranges [start, end) per weekday (0 = Monday) and per overridden day number. */
export interface CompiledHours {
  zone: string;
  weekly: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  overrides: ReadonlyMap<number, ReadonlyArray<readonly [number, number]>>;
}

function compileRanges(ranges: readonly TimeRange[]): Array<readonly [number, number]> {
  return ranges.map((r) => [parseClock(r.start), parseClock(r.end)] as const).sort((a, b) => a[0] - b[0]);
}

export function compileHours(schedule: Schedule): CompiledHours {
  return {
    zone: schedule.timeZone,
    weekly: weekdays.map((d) => compileRanges(schedule.weekly[d])),
    overrides: new Map(schedule.overrides.map((o) => [isoDateToDay(o.date), compileRanges(o.ranges)])),
  };
}

export function rangesOnDay(hours: CompiledHours, day: number): ReadonlyArray<readonly [number, number]> {
  return hours.overrides.get(day) ?? hours.weekly[weekdayIndex(day)] ?? [];
}

/**
 * Working ranges for local days `firstDay..lastDay` (inclusive), ordered by start. A range
 * "09:00-17:00" runs from the first instant the clock shows 09:00 to the first instant it shows
 * 17:00 that day, so on DST days it is an hour shorter or longer in real time.
 */
export function workingRanges(hours: CompiledHours, firstDay: number, lastDay: number): WorkingRange[] {
  const out: WorkingRange[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const ranges = rangesOnDay(hours, day);
    if (ranges.length === 0) continue;
    const steady = steadyOffsetOn(hours.zone, day);
    const base = day * DAY_MS;
    for (const [from, to] of ranges) {
      const localStart = base + from * MINUTE_MS;
      const localEnd = base + to * MINUTE_MS;
      const start = steady === null ? localToUtc(hours.zone, localStart) : localStart - steady;
      const end = steady === null ? localToUtc(hours.zone, localEnd) : localEnd - steady;
      // A range lying wholly inside a spring-forward gap has no instants at all.
      if (end > start) out.push({ start, end, blockEnd: end, day });
    }
  }
  out.sort((a, b) => a.start - b.start);
  // Chain touching (or, in odd zones, overlapping) ranges: walk backwards carrying the block end.
  for (let i = out.length - 2; i >= 0; i--) {
    const cur = out[i];
    const next = out[i + 1];
    if (cur && next && next.start <= cur.blockEnd) cur.blockEnd = Math.max(cur.blockEnd, next.blockEnd);
  }
  return out;
}
