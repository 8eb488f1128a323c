import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from './quiet-hours.ts';

describe('quiet hours in the person zone', () => {
  it('over midnight: inside until the end on the local clock, outside gives null', () => {
    // 23:30 in New York (EST) on 14 Jan 2027 = 04:30 UTC on the 15th.
    expect(quietHoursEnd(new Date('2027-01-15T04:30:00Z'), 'America/New_York', '22:00', '07:00')?.toISOString()).toBe(
      '2027-01-15T12:00:00.000Z',
    );
    // 06:00 in London (GMT) is inside; ends at 07:00 London.
    expect(quietHoursEnd(new Date('2027-01-15T06:00:00Z'), 'Europe/London', '22:00', '07:00')?.toISOString()).toBe(
      '2027-01-15T07:00:00.000Z',
    );
    expect(quietHoursEnd(new Date('2027-01-15T15:00:00Z'), 'America/New_York', '22:00', '07:00')).toBeNull();
    expect(quietHoursEnd(new Date('2027-01-15T15:00:00Z'), 'America/New_York', null, null)).toBeNull();
  });
  it('across the spring-forward night the end is 07:00 on the new offset', () => {
    // New York springs forward on 14 Mar 2027 at 02:00; 01:30 EST = 06:30 UTC; 07:00 EDT = 11:00 UTC.
    expect(quietHoursEnd(new Date('2027-03-14T06:30:00Z'), 'America/New_York', '22:00', '07:00')?.toISOString()).toBe(
      '2027-03-14T11:00:00.000Z',
    );
  });
});
