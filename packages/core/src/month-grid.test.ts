import { describe, expect, it } from 'vitest';
import { inWeeks, monthGrid, shiftDate, weekGrid } from './month-grid.ts';

describe('month grid', () => {
  it('lays out whole Monday-first weeks around a month', () => {
    const g = monthGrid('2026-11-24', '2026-11-24');
    expect(g[0]).toMatchObject({ date: '2026-10-26', day: 26, inMonth: false });
    expect(g.length % 7).toBe(0);
    expect(g.filter((d) => d.inMonth)).toHaveLength(30);
    expect(g.find((d) => d.isToday)?.date).toBe('2026-11-24');
    expect(g.at(-1)?.date).toBe('2026-12-06');
  });

  it('starts on the 1st when it is a Monday (June 2026), pads before it otherwise (March 2026 starts on a Sunday)', () => {
    const june = inWeeks(monthGrid('2026-06'));
    expect(june[0]?.[0]).toEqual({ date: '2026-06-01', day: 1, inMonth: true, isToday: false });
    expect(june.every((w) => w.length === 7)).toBe(true);
    expect(june.flat().filter((c) => c.inMonth)).toHaveLength(30);
    const march = inWeeks(monthGrid('2026-03'));
    expect(march[0]?.slice(0, 6).every((c) => !c.inMonth)).toBe(true);
    expect(march[0]?.[6]?.date).toBe('2026-03-01');
    // February 2027 begins on a Monday and ends on a Sunday: exactly four weeks, nothing borrowed.
    expect(monthGrid('2027-02').every((d) => d.inMonth)).toBe(true);
    expect(monthGrid('2027-02')).toHaveLength(28);
  });

  it('gives the week of a date and moves by weeks and months, across years', () => {
    expect(weekGrid('2026-11-26', '').map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekGrid('2026-11-26').every((d) => d.inMonth)).toBe(true);
    expect(shiftDate('2026-01-31', 'month', 1)).toBe('2026-02-01');
    expect(shiftDate('2026-11-26', 'week', -1)).toBe('2026-11-19');
    expect(shiftDate('2026-12-01', 'month', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-01-15', 'month', -1)).toBe('2025-12-01');
    expect(shiftDate('2026-01', 'month', -13)).toBe('2024-12-01');
  });
});
