import { describe, expect, it } from 'vitest';
import {
  ago,
  cloneWeek,
  copyToWeekdays,
  emptyWeek,
  fromTimeInput,
  localMinutes,
  nextRange,
  sameWeek,
  startBands,
  toTimeInput,
  weekProblems,
  weekdayOf,
  weeklyTotalHours,
} from './calendar.ts';

describe('weekly hours editing', () => {
  it('copies one day to Monday–Friday and leaves the weekend alone', () => {
    const week = emptyWeek();
    week.wednesday = [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ];
    week.saturday = [{ start: '10:00', end: '14:00' }];
    const out = copyToWeekdays(week, 'wednesday');
    for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) expect(out[d]).toEqual(week.wednesday);
    expect(out.saturday).toEqual(week.saturday);
    expect(out.sunday).toEqual([]);
    // A copy, not shared arrays: editing Monday later must not change Wednesday.
    out.monday[0]!.start = '07:00';
    expect(out.wednesday[0]!.start).toBe('08:00');
    expect(week.monday).toEqual([]);
  });

  it('suggests a next range after the last one, never past midnight', () => {
    expect(nextRange([])).toEqual({ start: '09:00', end: '17:00' });
    expect(nextRange([{ start: '09:00', end: '12:00' }])).toEqual({ start: '13:00', end: '15:00' });
    expect(nextRange([{ start: '18:00', end: '22:30' }])).toEqual({ start: '23:00', end: '24:00' });
  });

  it('reports overlapping and backwards ranges with the engine schema, per day', () => {
    const week = emptyWeek();
    week.monday = [
      { start: '09:00', end: '12:00' },
      { start: '11:00', end: '14:00' },
    ];
    week.friday = [{ start: '15:00', end: '10:00' }];
    week.tuesday = [{ start: '09:00', end: '17:00' }];
    const problems = weekProblems(week);
    expect(problems.monday).toMatch(/overlap/i);
    expect(problems.friday).toMatch(/end after/i);
    expect(problems.tuesday).toBeUndefined();
    expect(weekProblems(cloneWeek({ ...emptyWeek(), monday: [{ start: '09:00', end: '24:00' }] }))).toEqual({});
  });

  it('maps midnight to and from the time input, compares and totals weeks', () => {
    expect(fromTimeInput('00:00', 'end')).toBe('24:00');
    expect(fromTimeInput('00:00', 'start')).toBe('00:00');
    expect(toTimeInput('24:00')).toBe('00:00');
    const a = copyToWeekdays({ ...emptyWeek(), monday: [{ start: '09:00', end: '17:00' }] }, 'monday');
    expect(weeklyTotalHours(a)).toBe(40);
    expect(sameWeek(a, cloneWeek(a))).toBe(true);
    const b = cloneWeek(a);
    b.friday = [];
    expect(sameWeek(a, b)).toBe(false);
  });
});

describe('month picker', () => {
  it('knows the weekday of a calendar date', () => {
    expect(weekdayOf('2026-06-15')).toBe('monday');
    expect(weekdayOf('2026-06-21')).toBe('sunday');
  });
});

describe('slot preview bands', () => {
  const zone = 'America/New_York';
  const at = (iso: string) => ({ start: iso, end: iso, label: iso.slice(11, 16) });

  it('merges starts on the interval grid into one band and splits at gaps', () => {
    // 9:00, 9:30, 10:00 EDT, then 14:00 EDT (a booking in between).
    const slots = [at('2026-06-15T13:00:00Z'), at('2026-06-15T13:30:00Z'), at('2026-06-15T14:00:00Z'), at('2026-06-15T18:00:00Z')];
    const bands = startBands(slots, zone, 30);
    expect(bands.map((b) => [b.from, b.to, b.count])).toEqual([
      [9 * 60, 10 * 60 + 30, 3],
      [14 * 60, 14 * 60 + 30, 1],
    ]);
  });

  it('reads local minutes in the zone asked for', () => {
    expect(localMinutes('2026-06-15T13:00:00Z', zone)).toBe(9 * 60);
    expect(localMinutes('2026-06-15T13:00:00Z', 'Europe/London')).toBe(14 * 60);
    expect(localMinutes('2026-01-15T13:00:00Z', zone)).toBe(8 * 60);
  });
});

describe('ago', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  it('says how long ago in plain words', () => {
    expect(ago(null, now)).toBe('never');
    expect(ago('2026-06-15T11:59:40Z', now)).toBe('just now');
    expect(ago('2026-06-15T11:56:00Z', now)).toBe('4 min ago');
    expect(ago('2026-06-15T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-06-12T12:00:00Z', now)).toBe('3 days ago');
  });
});
