import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupSlotsByDay } from './display.ts';
import { countSlotDays, isoSlotsOf, packSlotDays, unpackSlotDays } from './slot-days.ts';

const MIN = 60_000;
const zones = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Havana',
  'Asia/Tehran',
];

describe('packed slot days', () => {
  it('packs each start once under the viewer date groupSlotsByDay gives it, and unpacks to the same slots', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        // Sorted, distinct, minute-aligned instants across a few weeks around the DST changes of 2026.
        fc.uniqueArray(fc.integer({ min: 0, max: 90 * 24 * 60 }), { maxLength: 400 }),
        fc.constantFrom(Date.UTC(2026, 1, 20), Date.UTC(2026, 8, 15)),
        fc.integer({ min: 15, max: 600 }),
        (zone, minutes, base, lengthMin) => {
          const starts = [...minutes].sort((a, b) => a - b).map((m) => base + m * MIN);
          const days = packSlotDays(starts, zone);
          const slots = starts.map((t) => ({ start: new Date(t), end: new Date(t + lengthMin * MIN) }));
          expect(unpackSlotDays(days, lengthMin)).toEqual(slots);
          expect(countSlotDays(days)).toBe(starts.length);
          expect(days.map((d) => [d.date, d.offsets.length])).toEqual(groupSlotsByDay(slots, zone).map((d) => [d.date, d.slots.length]));
          for (const d of days) expect(d.offsets[0]).toBe(0);
        },
      ),
    );
  });

  it('lists ISO slots for simple consumers', () => {
    const days = packSlotDays([Date.UTC(2026, 5, 1, 13), Date.UTC(2026, 5, 1, 13, 30), Date.UTC(2026, 5, 2, 9)], 'America/New_York');
    expect(days).toEqual([
      { date: '2026-06-01', start: '2026-06-01T13:00:00.000Z', offsets: [0, 30] },
      { date: '2026-06-02', start: '2026-06-02T09:00:00.000Z', offsets: [0] },
    ]);
    expect(isoSlotsOf({ days, lengthMin: 60 })[1]).toEqual({ start: '2026-06-01T13:30:00.000Z', end: '2026-06-01T14:30:00.000Z' });
  });
});
