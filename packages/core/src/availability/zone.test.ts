import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayToIsoDate, isoDateToDay, localDayOf, localToUtc, mondayOf, weekdayIndex, zoneOffsetMs } from './zone.ts';
import { DAY_MS } from '../durations.ts';

const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC'];
const local = (iso: string) => Date.parse(`${iso}Z`);
const utc = (iso: string) => Date.parse(iso);

describe('zoneOffsetMs', () => {
  it('agrees with luxon at any instant in 2020-2035', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }),
        (zone, t) => {
          expect(zoneOffsetMs(zone, t)).toBe(DateTime.fromMillis(t, { zone }).offset * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('knows the half-hour and quarter-hour zones', () => {
    expect(zoneOffsetMs('Asia/Kolkata', utc('2025-06-01T00:00:00Z'))).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs('Asia/Kathmandu', utc('2025-06-01T00:00:00Z'))).toBe(5.75 * 3_600_000);
  });
});

describe('localToUtc', () => {
  it('converts ordinary wall times like luxon does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 95 }),
        (zone, dayOffset, quarter) => {
          const day = isoDateToDay('2024-01-01') + dayOffset;
          const l = day * DAY_MS + quarter * 15 * 60_000;
          const t = localToUtc(zone, l);
          // Wherever it lands, the clock there shows that wall time, or (in a gap) a later one.
          expect(t + zoneOffsetMs(zone, t)).toBeGreaterThanOrEqual(l);
          const dt = DateTime.fromMillis(l, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true });
          if (dt.toMillis() + dt.offset * 60_000 === l && zoneOffsetMs(zone, t - 3 * 3_600_000) === zoneOffsetMs(zone, t + 3 * 3_600_000)) {
            expect(t).toBe(dt.toMillis());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the first occurrence of a repeated wall time (autumn)', () => {
    // New York 2025-11-02: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(localToUtc('America/New_York', local('2025-11-02T01:30:00'))).toBe(utc('2025-11-02T05:30:00Z'));
    // Sydney 2025-04-06: 02:30 happens at 15:30Z (AEDT) and 16:30Z (AEST) the day before in UTC.
    expect(localToUtc('Australia/Sydney', local('2025-04-06T02:30:00'))).toBe(utc('2025-04-05T15:30:00Z'));
    // London 2025-10-26: 01:15 at 00:15Z (BST) and 01:15Z (GMT).
    expect(localToUtc('Europe/London', local('2025-10-26T01:15:00'))).toBe(utc('2025-10-26T00:15:00Z'));
  });

  it('maps a skipped wall time to the moment the clocks jump (spring)', () => {
    expect(localToUtc('America/New_York', local('2025-03-09T02:30:00'))).toBe(utc('2025-03-09T07:00:00Z'));
    expect(localToUtc('Europe/London', local('2025-03-30T01:00:00'))).toBe(utc('2025-03-30T01:00:00Z'));
    expect(localToUtc('Australia/Sydney', local('2025-10-05T02:59:00'))).toBe(utc('2025-10-04T16:00:00Z'));
    // Lord Howe moves by 30 minutes.
    expect(localToUtc('Australia/Lord_Howe', local('2025-10-05T02:15:00'))).toBe(utc('2025-10-04T15:30:00Z'));
  });

  it('handles the hours right around a change', () => {
    expect(localToUtc('America/New_York', local('2025-03-09T01:59:00'))).toBe(utc('2025-03-09T06:59:00Z'));
    expect(localToUtc('America/New_York', local('2025-03-09T03:00:00'))).toBe(utc('2025-03-09T07:00:00Z'));
    expect(localToUtc('America/New_York', local('2025-11-02T00:59:00'))).toBe(utc('2025-11-02T04:59:00Z'));
    expect(localToUtc('America/New_York', local('2025-11-02T02:00:00'))).toBe(utc('2025-11-02T07:00:00Z'));
  });
});

describe('calendar days', () => {
  it('numbers days and weeks from Monday', () => {
    const mon = isoDateToDay('2025-03-10');
    expect(dayToIsoDate(mon)).toBe('2025-03-10');
    expect(weekdayIndex(mon)).toBe(0);
    expect(weekdayIndex(isoDateToDay('2025-03-16'))).toBe(6);
    expect(mondayOf(isoDateToDay('2025-03-16'))).toBe(mon);
    expect(mondayOf(isoDateToDay('2025-03-17'))).toBe(mon + 7);
    expect(weekdayIndex(isoDateToDay('1969-12-29'))).toBe(0);
  });

  it("puts an instant on the provider's local date", () => {
    // 2025-03-11T03:00Z is still Monday evening in New York.
    expect(dayToIsoDate(localDayOf('America/New_York', utc('2025-03-11T03:00:00Z')))).toBe('2025-03-10');
    expect(dayToIsoDate(localDayOf('Australia/Sydney', utc('2025-03-10T14:00:00Z')))).toBe('2025-03-11');
  });
});
