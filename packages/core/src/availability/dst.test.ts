import { describe, expect, it } from 'vitest';
import { groupSlotsByDay } from './display.ts';
import { scheduleSchema, weekdays } from './schedule.schema.ts';
import { checkSlot, listSlots } from './slots.ts';

const every = (ranges: Array<{ start: string; end: string }>) => Object.fromEntries(weekdays.map((d) => [d, ranges]));
const schedule = (timeZone: string, ranges: Array<{ start: string; end: string }>, slotIntervalMin = 60) =>
  scheduleSchema.parse({ timeZone, weekly: every(ranges), slotIntervalMin, horizonDays: 365 });
const NOW = '2025-01-01T00:00:00Z';
const startsOn = (
  timeZone: string,
  ranges: Array<{ start: string; end: string }>,
  from: string,
  to: string,
  lengthMin: number,
  step = 60,
) => listSlots(schedule(timeZone, ranges, step), [], lengthMin, { from, to }, NOW).map((s) => s.start.toISOString().slice(0, 16));

/**
 * 09:00-17:00 on the change day and the day before, one 8-hour job: the single slot must start at
 * 09:00 local in the right offset and end at 17:00 local.
 */
const cases = [
  // zone, change day, day before, [09:00 local the day before in UTC, on the day]
  ['America/New_York', 'spring', '2025-03-08', '2025-03-09', '2025-03-08T14:00', '2025-03-09T13:00'],
  ['America/New_York', 'autumn', '2025-11-01', '2025-11-02', '2025-11-01T13:00', '2025-11-02T14:00'],
  ['Europe/London', 'spring', '2025-03-29', '2025-03-30', '2025-03-29T09:00', '2025-03-30T08:00'],
  ['Europe/London', 'autumn', '2025-10-25', '2025-10-26', '2025-10-25T08:00', '2025-10-26T09:00'],
  ['Australia/Sydney', 'spring', '2025-10-04', '2025-10-05', '2025-10-03T23:00', '2025-10-04T22:00'],
  ['Australia/Sydney', 'autumn', '2025-04-05', '2025-04-06', '2025-04-04T22:00', '2025-04-05T23:00'],
] as const;

describe.each(cases)('%s %s change (%s -> %s)', (zone, _season, before, onDay, nineBefore, nineOnDay) => {
  const nine = [{ start: '09:00', end: '17:00' }];
  const window = (d: string) =>
    [`${d}T00:00:00Z`, `${d}T00:00:00Z`].map((x, i) => new Date(Date.parse(x) + (i === 0 ? -14 : 38) * 3_600_000).toISOString());

  it('a 9-17 day yields 09:00 local in UTC, before and on the change', () => {
    const [from, to] = window(onDay) as [string, string];
    const eightHour = startsOn(zone, nine, from, to, 480);
    expect(eightHour).toContain(nineOnDay);
    const [bFrom, bTo] = window(before) as [string, string];
    expect(startsOn(zone, nine, bFrom, bTo, 480)).toContain(nineBefore);
  });

  it('hourly slots on the change day are 8 and end at 17:00 local', () => {
    const from = `${nineOnDay}:00Z`;
    const to = new Date(Date.parse(from) + 12 * 3_600_000).toISOString();
    const slots = listSlots(schedule(zone, nine), [], 60, { from, to }, NOW);
    expect(slots).toHaveLength(8);
    expect(slots.at(-1)?.end.getTime()).toBe(Date.parse(from) + 8 * 3_600_000);
    const labels = groupSlotsByDay(slots, zone).flatMap((d) => d.slots.map((s) => s.label));
    expect(labels).toEqual(['9:00 AM', '10:00 AM', '11:00 AM', '12:00 PM', '1:00 PM', '2:00 PM', '3:00 PM', '4:00 PM']);
  });
});

describe('01:00-03:00 on the change night', () => {
  const small = [{ start: '01:00', end: '03:00' }];
  const at = (zone: string, from: string, to: string, len: number, step = 30) => startsOn(zone, small, from, to, len, step);

  it('New York spring: one real hour (02:xx does not exist)', () => {
    const [from, to] = ['2025-03-09T05:00:00Z', '2025-03-09T09:00:00Z'];
    expect(at('America/New_York', from, to, 30)).toEqual(['2025-03-09T06:00', '2025-03-09T06:30']);
    expect(at('America/New_York', from, to, 60)).toEqual(['2025-03-09T06:00']);
    expect(at('America/New_York', from, to, 90)).toEqual([]);
  });

  it('New York autumn: three real hours (01:xx happens twice), labels name the zone', () => {
    const slots = listSlots(schedule('America/New_York', small), [], 60, { from: '2025-11-02T04:00:00Z', to: '2025-11-02T09:00:00Z' }, NOW);
    expect(slots.map((s) => s.start.toISOString().slice(11, 16))).toEqual(['05:00', '06:00', '07:00']);
    const [dayGroup] = groupSlotsByDay(slots, 'America/New_York');
    expect(dayGroup?.date).toBe('2025-11-02');
    expect(dayGroup?.slots.map((s) => s.label)).toEqual(['1:00 AM EDT', '1:00 AM EST', '2:00 AM EST']);
  });

  it('London spring: the range starts when the clocks jump to 02:00 BST', () => {
    expect(at('Europe/London', '2025-03-30T00:00:00Z', '2025-03-30T04:00:00Z', 60)).toEqual(['2025-03-30T01:00']);
  });

  it('London autumn: 00:00Z (01:00 BST) to 03:00Z (03:00 GMT)', () => {
    expect(at('Europe/London', '2025-10-25T23:00:00Z', '2025-10-26T04:00:00Z', 60, 60)).toEqual([
      '2025-10-26T00:00',
      '2025-10-26T01:00',
      '2025-10-26T02:00',
    ]);
  });

  it('Sydney spring (October) is one hour, autumn (April) three', () => {
    expect(at('Australia/Sydney', '2025-10-04T13:00:00Z', '2025-10-04T18:00:00Z', 60)).toEqual(['2025-10-04T15:00']);
    expect(at('Australia/Sydney', '2025-04-05T13:00:00Z', '2025-04-05T18:00:00Z', 120, 60)).toEqual([
      '2025-04-05T14:00',
      '2025-04-05T15:00',
    ]);
  });

  it('a range starting inside the gap begins at the jump', () => {
    const slots = startsOn('America/New_York', [{ start: '02:30', end: '04:00' }], '2025-03-09T05:00:00Z', '2025-03-09T09:00:00Z', 60, 30);
    expect(slots).toEqual(['2025-03-09T07:00']);
  });

  it('checkSlot agrees on the repeated hour', () => {
    const s = schedule('America/New_York', small);
    expect(checkSlot(s, [], '2025-11-02T06:00:00Z', 60, NOW)).toEqual({ ok: true }); // 01:00 EST
    expect(checkSlot(s, [], '2025-11-02T08:00:00Z', 60, NOW)).toMatchObject({ ok: false, reason: 'outside_hours' });
  });
});

describe('notice across a DST change (Cal.com #12137)', () => {
  it('counts notice in real minutes over the spring jump', () => {
    const s = scheduleSchema.parse({
      timeZone: 'America/New_York',
      weekly: every([{ start: '00:00', end: '24:00' }]),
      minNoticeMin: 120,
      slotIntervalMin: 60,
    });
    // now = 00:30 EST (05:30Z); +2 h = 07:30Z = 03:30 EDT; the grid from 00:00 EST steps 06:00Z, 07:00Z, 08:00Z...
    const slots = listSlots(s, [], 60, { from: '2025-03-09T05:00:00Z', to: '2025-03-09T10:00:00Z' }, '2025-03-09T05:30:00Z');
    expect(slots[0]?.start.toISOString()).toBe('2025-03-09T08:00:00.000Z');
  });
});

describe('overnight across a DST change', () => {
  it('a 22:00-24:00 + 00:00-02:00 chain spans the autumn change in real hours', () => {
    const s = scheduleSchema.parse({
      timeZone: 'America/New_York',
      weekly: { saturday: [{ start: '22:00', end: '24:00' }], sunday: [{ start: '00:00', end: '02:00' }] },
      slotIntervalMin: 60,
      horizonDays: 365,
    });
    // Sat 22:00 EDT = 02:00Z; Sun 02:00 EST = 07:00Z: five real hours.
    const slots = listSlots(s, [], 300, { from: '2025-11-01T00:00:00Z', to: '2025-11-03T00:00:00Z' }, NOW);
    expect(slots.map((x) => [x.start.toISOString(), x.end.toISOString()])).toEqual([
      ['2025-11-02T02:00:00.000Z', '2025-11-02T07:00:00.000Z'],
    ]);
  });
});
