import { describe, expect, it } from 'vitest';
import { niceCeiling, weeklyEarnings } from './payouts.ts';

const p = (jobDate: string, amount: number, status = 'paid', reversed = 0, owed = 0) => ({ jobDate, amount, status, reversed, owed });

describe('weeklyEarnings', () => {
  const now = new Date('2026-06-17T12:00:00Z'); // a Wednesday

  it('buckets by the Monday of the job week, oldest first, empty weeks kept', () => {
    const bars = weeklyEarnings(
      [p('2026-06-15T09:00:00Z', 10_000), p('2026-06-21T20:00:00Z', 5_000, 'scheduled'), p('2026-06-08T09:00:00Z', 7_000)],
      now,
      4,
    );
    expect(bars.map((b) => b.week)).toEqual(['2026-05-25', '2026-06-01', '2026-06-08', '2026-06-15']);
    expect(bars.map((b) => b.amount)).toEqual([0, 0, 7_000, 15_000]);
    expect(bars[3]?.paid).toBe(10_000);
  });

  it('takes reversals and owed money off, ignores failed payouts and weeks out of range', () => {
    const bars = weeklyEarnings(
      [p('2026-06-16T09:00:00Z', 10_000, 'reversed', 4_000), p('2026-06-16T09:00:00Z', 3_000, 'failed'), p('2025-01-01T09:00:00Z', 99_000)],
      now,
      2,
    );
    expect(bars.map((b) => b.amount)).toEqual([0, 6_000]);
  });
});

describe('weeklyEarnings with jobs ahead', () => {
  it('ends at the latest job week when it is after this week', () => {
    const bars = weeklyEarnings([p('2026-06-24T09:00:00Z', 8_000, 'scheduled')], new Date('2026-06-17T12:00:00Z'), 3);
    expect(bars.map((b) => [b.week, b.amount])).toEqual([
      ['2026-06-08', 0],
      ['2026-06-15', 0],
      ['2026-06-22', 8_000],
    ]);
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(17_300)).toBe(20_000);
    expect(niceCeiling(41_000)).toBe(50_000);
    expect(niceCeiling(50_000)).toBe(50_000);
    expect(niceCeiling(51_000)).toBe(100_000);
  });
});
