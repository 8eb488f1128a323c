/**
 * English names for calendar dates ("2026-11-24" is a day, not an instant, so no zone applies).
 * The same text `Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ... })` gives, written out: a
 * browser's first `Intl` call loads ICU's data (30–50 ms of main thread on a phone), and these
 * labels are on the first render of the profile's calendar. calendar-date.test.ts checks against Intl.
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export interface CalendarDateParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** "Tuesday" */
  weekday: string;
  /** "November" */
  monthName: string;
}

/** Reads "YYYY-MM-DD" (anything after the tenth character, such as an ISO time, is ignored). */
export function calendarDateParts(ymd: string): CalendarDateParts {
  const date = new Date(`${ymd.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a calendar date: ${ymd}`);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: WEEKDAYS[date.getUTCDay()]!,
    monthName: MONTHS[date.getUTCMonth()]!,
  };
}

export type CalendarDateStyle =
  /** "Tue, Nov 24" */
  | 'short'
  /** "Tuesday, November 24" */
  | 'long'
  /** "Tuesday, November 24, 2026" */
  | 'long-year'
  /** "November 2026" */
  | 'month-year'
  /** "Nov 24" */
  | 'month-day'
  /** "Tuesday" */
  | 'weekday'
  /** "Tue" */
  | 'weekday-short';

export function formatCalendarDate(ymd: string, style: CalendarDateStyle): string {
  const p = calendarDateParts(ymd);
  switch (style) {
    case 'short':
      return `${p.weekday.slice(0, 3)}, ${p.monthName.slice(0, 3)} ${p.day}`;
    case 'long':
      return `${p.weekday}, ${p.monthName} ${p.day}`;
    case 'long-year':
      return `${p.weekday}, ${p.monthName} ${p.day}, ${p.year}`;
    case 'month-year':
      return `${p.monthName} ${p.year}`;
    case 'month-day':
      return `${p.monthName.slice(0, 3)} ${p.day}`;
    case 'weekday':
      return p.weekday;
    case 'weekday-short':
      return p.weekday.slice(0, 3);
  }
}
