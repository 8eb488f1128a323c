import { describe, expect, it } from 'vitest';
import { busyBlockSchema, defaultSchedule, scheduleSchema } from './schedule.schema.ts';

const base = { timeZone: 'Europe/London', weekly: { monday: [{ start: '09:00', end: '17:00' }] } };

describe('scheduleSchema', () => {
  it('fills defaults and accepts several ranges per day and 24:00', () => {
    const s = scheduleSchema.parse({
      ...base,
      weekly: {
        friday: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
          { start: '22:00', end: '24:00' },
        ],
      },
      overrides: [{ date: '2025-12-25', ranges: [] }],
    });
    expect(s.weekly.monday).toEqual([]);
    expect(s.weekly.friday).toHaveLength(3);
    expect(s).toMatchObject({ bufferBeforeMin: 0, bufferAfterMin: 0, minNoticeMin: 0, slotIntervalMin: 30, horizonDays: 60 });
    expect(s.maxJobsPerDay).toBeUndefined();
  });

  it('rejects unknown zones and non-IANA strings', () => {
    for (const timeZone of ['Mars/Olympus', 'Europe/Londres', '+05:00', 'EST5EDT ', '']) {
      expect(scheduleSchema.safeParse({ ...base, timeZone }).success, timeZone).toBe(false);
    }
    for (const timeZone of ['UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kathmandu']) {
      expect(scheduleSchema.safeParse({ ...base, timeZone }).success, timeZone).toBe(true);
    }
  });

  it('rejects malformed, empty, inverted and overlapping ranges', () => {
    const bad = [
      [{ start: '9:00', end: '17:00' }],
      [{ start: '09:00', end: '24:30' }],
      [{ start: '24:00', end: '24:00' }],
      [{ start: '17:00', end: '09:00' }],
      [{ start: '09:00', end: '09:00' }],
      [
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '17:00' },
      ],
      [{ start: '<b>', end: '17:00' }],
    ];
    for (const monday of bad) {
      expect(scheduleSchema.safeParse({ ...base, weekly: { monday } }).success, JSON.stringify(monday)).toBe(false);
    }
    // Touching ranges are fine.
    const touching = [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '17:00' },
    ];
    expect(scheduleSchema.safeParse({ ...base, weekly: { monday: touching } }).success).toBe(true);
  });

  it('rejects impossible override dates and duplicates', () => {
    expect(scheduleSchema.safeParse({ ...base, overrides: [{ date: '2025-02-29', ranges: [] }] }).success).toBe(false);
    expect(scheduleSchema.safeParse({ ...base, overrides: [{ date: '2025-13-01', ranges: [] }] }).success).toBe(false);
    expect(scheduleSchema.safeParse({ ...base, overrides: [{ date: '2024-02-29', ranges: [] }] }).success).toBe(true);
    const dup = [
      { date: '2025-05-01', ranges: [] },
      { date: '2025-05-01', ranges: [{ start: '10:00', end: '12:00' }] },
    ];
    expect(scheduleSchema.safeParse({ ...base, overrides: dup }).success).toBe(false);
  });

  it('rejects negative or fractional minutes and a zero interval', () => {
    for (const patch of [
      { bufferBeforeMin: -5 },
      { minNoticeMin: 1.5 },
      { slotIntervalMin: 0 },
      { horizonDays: 0 },
      { maxJobsPerDay: 0 },
    ]) {
      expect(scheduleSchema.safeParse({ ...base, ...patch }).success, JSON.stringify(patch)).toBe(false);
    }
  });

  it('defaults to Monday-Friday 09:00-17:00 like Cal.com', () => {
    const s = defaultSchedule('America/New_York');
    expect(s.weekly.friday).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(s.weekly.saturday).toEqual([]);
  });
});

describe('busyBlockSchema', () => {
  it('accepts ISO strings with offsets and Dates, and rejects inverted blocks', () => {
    const ok = busyBlockSchema.parse({ start: '2025-03-10T09:00:00-04:00', end: new Date('2025-03-10T14:00:00Z'), kind: 'external' });
    expect(ok.start.toISOString()).toBe('2025-03-10T13:00:00.000Z');
    expect(busyBlockSchema.safeParse({ start: '2025-03-10T10:00:00Z', end: '2025-03-10T09:00:00Z', kind: 'booking' }).success).toBe(false);
    expect(busyBlockSchema.safeParse({ start: 'tomorrow', end: '2025-03-10T09:00:00Z', kind: 'booking' }).success).toBe(false);
    expect(busyBlockSchema.safeParse({ start: '2025-03-10T10:00:00Z', end: '2025-03-10T11:00:00Z', kind: 'hold' }).success).toBe(false);
  });
});
