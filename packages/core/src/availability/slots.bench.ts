import { bench, describe } from 'vitest';
import { scheduleSchema, type BusyBlock } from './schedule.schema.ts';
import { checkSlot, listSlots, nextAvailable } from './slots.ts';

// Fixed sizes: one provider, 30-day range, 15-minute grid, 1-hour job, 80 busy blocks.
const nine = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const schedule = scheduleSchema.parse({
  timeZone: 'America/New_York',
  weekly: { monday: nine, tuesday: nine, wednesday: nine, thursday: nine, friday: nine, saturday: [{ start: '09:00', end: '13:00' }] },
  overrides: [{ date: '2025-03-14', ranges: [] }],
  bufferBeforeMin: 15,
  bufferAfterMin: 30,
  minNoticeMin: 120,
  horizonDays: 60,
  slotIntervalMin: 15,
  maxJobsPerDay: 4,
  maxJobsPerWeek: 15,
});
const now = new Date('2025-03-01T12:00:00Z');
const busy: BusyBlock[] = Array.from({ length: 80 }, (_, i) => {
  const start = now.getTime() + i * 9 * 3_600_000 + 7 * 60_000 * (i % 5);
  return { start: new Date(start), end: new Date(start + 90 * 60_000), kind: i % 2 ? 'booking' : 'external' };
});
const range = { from: now, to: new Date(now.getTime() + 30 * 86_400_000) };

describe('availability (30-day range, 80 busy blocks)', () => {
  bench('listSlots', () => {
    listSlots(schedule, busy, 60, range, now);
  });
  bench('checkSlot', () => {
    checkSlot(schedule, busy, '2025-03-10T16:00:00Z', 60, now);
  });
  bench('nextAvailable', () => {
    nextAvailable(schedule, busy, 60, now);
  });
});
