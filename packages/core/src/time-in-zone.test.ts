import { describe, expect, it } from 'vitest';
import {
  describeZone,
  formatDay,
  formatDeadline,
  formatInZone,
  formatSpan,
  formatStamp,
  formatTime,
  formatTimeSpan,
  formatWhen,
  localDate,
  todayIn,
  zoneAbbr,
  zoneFormatter,
  zoneLabel,
} from './time-in-zone.ts';

const NY = 'America/New_York';

describe('times in words, in the reader’s zone', () => {
  const start = '2026-06-11T14:00:00.000Z';
  const end = '2026-06-11T16:00:00.000Z';

  it('names the zone with every booking time', () => {
    expect(formatSpan(start, end, NY)).toBe('Thu, Jun 11, 10:00 AM – 12:00 PM EDT');
    expect(formatWhen(start, 'Europe/London')).toBe('Thu, Jun 11, 3:00 PM GMT+1');
    expect(formatWhen(new Date(start), NY)).toBe('Thu, Jun 11, 10:00 AM EDT');
    expect(zoneLabel(NY, start)).toBe('New York time (EDT, UTC-04:00)');
    expect(zoneAbbr(NY, '2026-01-11T14:00:00Z')).toBe('EST');
  });

  it('writes a job’s times with or without the zone’s name', () => {
    expect(formatTimeSpan('2025-01-09T09:30:00Z', '2025-01-09T11:45:00Z', 'Europe/London')).toBe('9:30 AM – 11:45 AM GMT');
    expect(formatTimeSpan(start, end, NY, false)).toBe('10:00 AM – 12:00 PM');
    expect(formatDay(start, 'Australia/Sydney')).toBe('Fri, Jun 12');
    expect(formatTime('2026-11-24T20:05:00Z', NY)).toBe('3:05 PM');
    expect(formatTime('2026-11-24T20:05:00Z', 'Europe/Berlin')).toBe('9:05 PM');
  });

  it('has a style for each place a time is shown, with plain spaces only', () => {
    const at = Date.parse('2026-11-23T20:04:00Z');
    expect(formatStamp(at, NY)).toBe('Nov 23, 3:04 PM EST');
    expect(formatInZone(at, NY, 'full')).toBe('Mon, Nov 23, 2026, 3:04 PM EST');
    expect(formatInZone(at, NY, 'time-zone')).toBe('3:04 PM EST');
    expect(formatInZone(at, NY, 'month-day-time')).toBe('Nov 23, 3:04 PM');
    expect(formatInZone(at, NY, 'date')).toBe('Nov 23, 2026');
    expect(formatInZone(at, NY, 'long-date')).toBe('Monday, November 23, 2026');
    expect(formatInZone(at, NY, 'issued')).toMatch(/^November 23, 2026(,| at) 3:04 PM EST$/);
    expect(formatInZone(at, NY, 'weekday')).toBe('Mon');
    // The date is the zone's: 01:00 UTC on the 24th is still the 23rd in New York.
    expect(formatInZone('2026-11-24T01:00:00Z', NY, 'month-day')).toBe('Nov 23');
    for (const text of [formatInZone(at, NY, 'full'), formatSpan(start, end, NY)]) expect(text).not.toMatch(/[\u202f\u00a0\u2009]/);
    const label = zoneFormatter(NY, 'time');
    expect([label(start), label(end)]).toEqual(['10:00 AM', '12:00 PM']);
    expect(formatInZone(start, 'Europe/London', 'time', 'en-GB')).toBe('15:00');
  });

  it('says deadlines the way people do', () => {
    const now = new Date('2026-06-08T12:00:00Z');
    expect(formatDeadline('2026-06-09T21:00:00Z', NY, now)).toBe('Tue 5 PM EDT');
    expect(formatDeadline('2026-06-09T21:30:00Z', NY, now)).toBe('Tue 5:30 PM EDT');
    expect(formatDeadline('2026-06-30T21:00:00Z', NY, now)).toBe('Jun 30 5 PM EDT');
    // Off the hour everywhere in a half-hour zone.
    expect(formatDeadline('2026-06-09T11:30:00Z', 'Asia/Kolkata', now)).toBe('Tue 5:00 PM GMT+5:30');
  });

  it('uses the zone for the calendar date and for "today"', () => {
    expect(todayIn('Australia/Sydney', new Date('2026-06-11T20:00:00Z'))).toBe('2026-06-12');
    expect(todayIn(NY, new Date('2026-06-11T20:00:00Z'))).toBe('2026-06-11');
    expect(localDate('2025-06-13T02:00:00Z', NY)).toBe('2025-06-12');
    expect(localDate('2025-06-13T02:00:00Z', 'UTC')).toBe('2025-06-13');
    expect(localDate('2026-11-25T03:30:00.000Z', NY)).toBe('2026-11-24');
  });
});

describe('describeZone', () => {
  it('names the zone with the offset in force at that instant', () => {
    expect(describeZone('America/New_York', new Date('2025-07-01T12:00:00Z'))).toEqual({
      zone: 'America/New_York',
      offsetMinutes: -240,
      offset: 'UTC-04:00',
      abbreviation: 'EDT',
      city: 'New York',
      label: 'New York time (EDT, UTC-04:00)',
    });
    expect(describeZone('America/New_York', new Date('2025-01-01T12:00:00Z')).abbreviation).toBe('EST');
    expect(describeZone('Asia/Kathmandu', new Date('2025-01-01T12:00:00Z')).offset).toBe('UTC+05:45');
    expect(describeZone('America/St_Johns', new Date('2025-01-01T12:00:00Z')).offset).toBe('UTC-03:30');
    expect(describeZone('America/Argentina/Buenos_Aires', new Date('2025-01-01T12:00:00Z')).city).toBe('Buenos Aires');
  });

  it('falls back to the offset when the locale has no abbreviation', () => {
    const d = describeZone('UTC', new Date('2025-01-01T00:00:00Z'));
    expect(d.offset).toBe('UTC+00:00');
    expect(d.label).toMatch(/^UTC time \(/);
  });
});
