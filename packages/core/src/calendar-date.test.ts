import { describe, expect, it } from 'vitest';
import { calendarDateParts, formatCalendarDate } from './calendar-date.ts';

const intl = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...opts });

describe('formatCalendarDate', () => {
  it('writes every day from 2024 to 2035 as Intl does (en-US, the date read in UTC)', () => {
    const short = intl({ weekday: 'short', month: 'short', day: 'numeric' });
    const long = intl({ weekday: 'long', month: 'long', day: 'numeric' });
    const longYear = intl({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
    const monthYear = intl({ month: 'long', year: 'numeric' });
    const monthDay = intl({ month: 'short', day: 'numeric' });
    const weekday = intl({ weekday: 'long' });
    const weekdayShort = intl({ weekday: 'short' });
    for (let t = Date.UTC(2024, 0, 1, 12); t < Date.UTC(2036, 0, 1); t += 86_400_000) {
      const ymd = new Date(t).toISOString().slice(0, 10);
      const at = new Date(t);
      expect(formatCalendarDate(ymd, 'short')).toBe(short.format(at));
      expect(formatCalendarDate(ymd, 'long')).toBe(long.format(at));
      expect(formatCalendarDate(ymd, 'long-year')).toBe(longYear.format(at));
      expect(formatCalendarDate(ymd, 'month-year')).toBe(monthYear.format(at));
      expect(formatCalendarDate(ymd, 'month-day')).toBe(monthDay.format(at));
      expect(formatCalendarDate(ymd, 'weekday')).toBe(weekday.format(at));
      expect(formatCalendarDate(ymd, 'weekday-short')).toBe(weekdayShort.format(at));
    }
  });

  it('reads the date part of an ISO instant and refuses what is not a date', () => {
    expect(calendarDateParts('2026-11-24T23:30:00Z')).toMatchObject({ year: 2026, month: 11, day: 24, weekday: 'Tuesday' });
    expect(() => calendarDateParts('not a date')).toThrow(RangeError);
  });
});
