import { describe, expect, it } from 'vitest';
import { formatDeadline, formatSpan, formatWhen, hoursText, todayIn, zoneLabel } from './format.ts';

describe('times on the site', () => {
  const start = '2026-06-11T14:00:00.000Z';
  const end = '2026-06-11T16:00:00.000Z';

  it('names the zone with every booking time', () => {
    expect(formatSpan(start, end, 'America/New_York')).toBe('Thu, Jun 11, 10:00 AM – 12:00 PM EDT');
    expect(formatWhen(start, 'Europe/London')).toBe('Thu, Jun 11, 3:00 PM GMT+1');
    expect(zoneLabel('America/New_York', start)).toBe('New York time (EDT, UTC-04:00)');
  });

  it('says deadlines the way people do', () => {
    const now = new Date('2026-06-08T12:00:00Z');
    expect(formatDeadline('2026-06-09T21:00:00Z', 'America/New_York', now)).toBe('Tue 5 PM EDT');
    expect(formatDeadline('2026-06-09T21:30:00Z', 'America/New_York', now)).toBe('Tue 5:30 PM EDT');
    expect(formatDeadline('2026-06-30T21:00:00Z', 'America/New_York', now)).toBe('Jun 30 5 PM EDT');
  });

  it('uses the zone for "today" and plain words for hours', () => {
    expect(todayIn('Australia/Sydney', new Date('2026-06-11T20:00:00Z'))).toBe('2026-06-12');
    expect(todayIn('America/New_York', new Date('2026-06-11T20:00:00Z'))).toBe('2026-06-11');
    expect(hoursText(1)).toBe('1 hour');
    expect(hoursText(2.5)).toBe('2.5 hours');
  });
});
