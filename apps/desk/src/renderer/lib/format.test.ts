import { describe, expect, it } from 'vitest';
import { dayHeading, duration, excerpt, money, timeLeft, when } from './format.ts';

describe('times carry their zone', () => {
  it('formats a job in its own zone, naming the zone', () => {
    // 14:00 UTC on 12 June is 10:00 in New York (EDT)
    expect(when('2025-06-12T14:00:00Z', '2025-06-12T16:00:00Z', 'America/New_York')).toBe('Thu, Jun 12 · 10:00 AM – 12:00 PM EDT');
  });

  it('names today and tomorrow', () => {
    const now = new Date('2025-06-12T15:00:00Z');
    expect(dayHeading('2025-06-12', 'America/New_York', now)).toBe('Today · Thursday, June 12');
    expect(dayHeading('2025-06-13', 'America/New_York', now)).toBe('Tomorrow · Friday, June 13');
    expect(dayHeading('2025-06-20', 'America/New_York', now)).toBe('Friday, June 20');
  });
});

describe('timeLeft', () => {
  const now = new Date('2025-06-12T12:00:00Z');
  it('counts down to expiry and flags the last two hours', () => {
    expect(timeLeft('2025-06-13T09:30:00Z', now)).toEqual({ label: '21 h 30 min left to answer', urgent: false, expired: false });
    expect(timeLeft('2025-06-12T13:00:00Z', now)).toEqual({ label: '1 h left to answer', urgent: true, expired: false });
    expect(timeLeft('2025-06-12T12:04:10Z', now)).toEqual({ label: '5 min left to answer', urgent: true, expired: false });
    expect(timeLeft('2025-06-16T12:00:00Z', now)?.label).toBe('4 days left to answer');
  });
  it('says when a request has expired, and nothing without a deadline', () => {
    expect(timeLeft('2025-06-12T11:59:00Z', now)).toMatchObject({ expired: true });
    expect(timeLeft(null, now)).toBeNull();
  });
});

describe('small formats', () => {
  it('money always carries its currency', () => {
    expect(money(12345, 'USD')).toBe('$123.45');
    expect(money(9000, 'GBP')).toBe('£90.00');
  });
  it('durations in hours and minutes', () => {
    expect(duration(2)).toBe('2 h');
    expect(duration(2.25)).toBe('2 h 15 min');
    expect(duration(0.75)).toBe('45 min');
  });
  it('excerpts cut at a word and mark the cut', () => {
    const text = 'The kitchen tap has been leaking for a week and now the cabinet underneath is wet, please bring a new cartridge';
    const short = excerpt(text, 60);
    expect(short.length).toBeLessThanOrEqual(61);
    expect(short.endsWith('…')).toBe(true);
    expect(text.startsWith(short.slice(0, -1))).toBe(true);
    expect(excerpt('  short\n text ', 60)).toBe('short text');
  });
});
