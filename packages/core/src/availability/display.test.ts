import { describe, expect, it } from 'vitest';
import { groupSlotsByDay, summarizeWeeklyHours } from './display.ts';

const slot = (iso: string) => ({ start: new Date(iso), end: new Date(Date.parse(iso) + 3_600_000) });

describe('groupSlotsByDay', () => {
  const slots = [slot('2025-03-10T13:00:00Z'), slot('2025-03-10T20:30:00Z'), slot('2025-03-11T03:00:00Z'), slot('2025-03-11T13:00:00Z')];

  it("groups by the viewer's date and labels in the viewer's clock", () => {
    expect(groupSlotsByDay(slots, 'America/New_York').map((d) => [d.date, d.slots.map((s) => s.label)])).toEqual([
      ['2025-03-10', ['9:00 AM', '4:30 PM', '11:00 PM']],
      ['2025-03-11', ['9:00 AM']],
    ]);
    expect(groupSlotsByDay(slots, 'Australia/Sydney').map((d) => [d.date, d.slots.map((s) => s.label)])).toEqual([
      ['2025-03-11', ['12:00 AM', '7:30 AM', '2:00 PM']],
      ['2025-03-12', ['12:00 AM']],
    ]);
  });

  it('keeps the instants whatever the viewer zone', () => {
    for (const zone of ['UTC', 'Asia/Kathmandu', 'Pacific/Honolulu']) {
      const flat = groupSlotsByDay(slots, zone).flatMap((d) => d.slots.map((s) => [s.start, s.end]));
      expect(flat).toEqual(slots.map((s) => [s.start, s.end]));
    }
  });

  it('uses plain spaces and honours the locale', () => {
    const [d] = groupSlotsByDay([slot('2025-03-10T13:00:00Z')], 'Europe/London', 'en-GB');
    expect(d?.slots[0]?.label).toBe('13:00');
    const [us] = groupSlotsByDay([slot('2025-03-10T13:00:00Z')], 'Europe/London');
    expect(us?.slots[0]?.label).toBe('1:00 PM');
  });

  it('returns no days for no slots', () => {
    expect(groupSlotsByDay([], 'UTC')).toEqual([]);
  });
});

describe('summarizeWeeklyHours', () => {
  it('folds runs of equal days and leaves closed days out', () => {
    const nine = [{ start: '09:00', end: '17:00' }];
    const split = [
      { start: '13:00', end: '15:00' },
      { start: '10:00', end: '12:00' },
    ];
    expect(
      summarizeWeeklyHours({ monday: nine, tuesday: nine, wednesday: nine, thursday: [], friday: nine, saturday: split, sunday: [] }),
    ).toEqual(['Mon–Wed 09:00–17:00', 'Fri 09:00–17:00', 'Sat 10:00–12:00, 13:00–15:00']);
    expect(summarizeWeeklyHours({ monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] })).toEqual(
      [],
    );
  });
});
