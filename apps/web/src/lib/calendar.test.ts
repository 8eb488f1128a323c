import { describe, expect, it } from 'vitest';
import { groupByDate, localDate, monthGrid, shift, weekGrid } from './calendar.ts';

describe('dashboard calendar', () => {
  it('lays out whole Monday-first weeks around a month', () => {
    const g = monthGrid('2026-11-24', '2026-11-24');
    expect(g[0]).toMatchObject({ date: '2026-10-26', inMonth: false });
    expect(g.length % 7).toBe(0);
    expect(g.filter((d) => d.inMonth)).toHaveLength(30);
    expect(g.find((d) => d.isToday)?.date).toBe('2026-11-24');
    expect(g.at(-1)?.date).toBe('2026-12-06');
  });

  it('gives the week of a date and moves by weeks and months', () => {
    expect(weekGrid('2026-11-26', '').map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(shift('2026-01-31', 'month', 1)).toBe('2026-02-01');
    expect(shift('2026-11-26', 'week', -1)).toBe('2026-11-19');
  });

  it('puts a booking on the day it starts in the viewer’s zone', () => {
    const b = { startsAt: '2026-11-25T03:30:00.000Z' };
    expect(localDate(b.startsAt, 'America/New_York')).toBe('2026-11-24');
    expect(groupByDate([b], 'Europe/London').get('2026-11-25')).toEqual([b]);
  });
});
