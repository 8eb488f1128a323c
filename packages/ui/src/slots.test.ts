import { describe, expect, it } from 'vitest';
import { describeDay, fillDays } from './slots.ts';

describe('slot picker days', () => {
  it('names a calendar date the same way in any zone', () => {
    expect(describeDay('2026-03-08')).toMatchObject({ weekday: 'Sun', day: '8', month: 'Mar', long: 'Sunday, March 8' });
  });

  it('fills the gaps between days with slots, across a month end', () => {
    const slot = { start: '2026-01-31T15:00:00.000Z', label: '10:00 AM' };
    const days = fillDays([{ date: '2026-01-31', slots: [slot] }], '2026-01-30', 4);
    expect(days.map((d) => d.date)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(days.map((d) => d.slots.length)).toEqual([0, 1, 0, 0]);
  });
});
