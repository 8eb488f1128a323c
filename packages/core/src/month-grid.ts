/**
 * Calendar grids on plain "YYYY-MM-DD" dates, Monday first: the site's booking calendar and
 * provider month, and the desk's month picker. No zone applies (these are days, not instants) and
 * no Intl is used, so a page can draw a grid on its first render for nothing.
 */
import { DAY_MS } from './durations.ts';

export interface GridDay {
  /** "YYYY-MM-DD" */
  date: string;
  /** Day of the month, 1–31. */
  day: number;
  /** False for the days of the neighbouring months that fill the first and last week. */
  inMonth: boolean;
  isToday: boolean;
}

const toMs = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10) || 1));
const toYmd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday */
const weekdayIndex = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

function days(from: number, to: number, today: string, month: string | null): GridDay[] {
  const out: GridDay[] = [];
  for (let t = from; t < to; t += DAY_MS) {
    const date = toYmd(t);
    out.push({ date, day: new Date(t).getUTCDate(), inMonth: month === null || date.slice(0, 7) === month, isToday: date === today });
  }
  return out;
}

/** Whole weeks (Monday first) covering the month of `anchor` ("YYYY-MM" or a date in it), as one list. */
export function monthGrid(anchor: string, today = ''): GridDay[] {
  const month = anchor.slice(0, 7);
  const first = toMs(`${month}-01`);
  const next = toMs(shiftDate(`${month}-01`, 'month', 1));
  return days(first - weekdayIndex(first) * DAY_MS, next + ((7 - weekdayIndex(next)) % 7) * DAY_MS, today, month);
}

/** The seven days (Monday first) of the week holding `anchor`, all counted in. */
export function weekGrid(anchor: string, today = ''): GridDay[] {
  const start = toMs(anchor) - weekdayIndex(toMs(anchor)) * DAY_MS;
  return days(start, start + 7 * DAY_MS, today, null);
}

/** A grid's days as rows of seven. */
export function inWeeks<T>(list: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(list.length / 7) }, (_, i) => list.slice(i * 7, i * 7 + 7));
}

/** The date moved by whole weeks, or by whole months to the first of that month (for previous/next links). */
export function shiftDate(anchor: string, unit: 'month' | 'week', by: number): string {
  if (unit === 'week') return toYmd(toMs(anchor) + by * 7 * DAY_MS);
  const i = Number(anchor.slice(0, 4)) * 12 + Number(anchor.slice(5, 7)) - 1 + by;
  return toYmd(Date.UTC(Math.floor(i / 12), ((i % 12) + 12) % 12, 1));
}
