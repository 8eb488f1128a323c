import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { scheduleSchema, type BusyBlock, type ScheduleInput } from './schedule.schema.ts';
import { assertSlot, checkSlot, listSlots, nextAvailable } from './slots.ts';

// Monday 2025-03-10 in New York is EDT (UTC-4): 09:00 local = 13:00Z.
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const sched = (patch: Partial<ScheduleInput> = {}) =>
  scheduleSchema.parse({
    timeZone: 'America/New_York',
    weekly: { monday: NINE_TO_FIVE, tuesday: NINE_TO_FIVE, wednesday: NINE_TO_FIVE, thursday: NINE_TO_FIVE, friday: NINE_TO_FIVE },
    slotIntervalMin: 60,
    horizonDays: 30,
    ...patch,
  });
const NOW = '2025-03-08T12:00:00Z'; // Saturday
const day = (date: string) => ({ from: `${date}T00:00:00-04:00`, to: `${date}T23:59:00-04:00` });
const iso = (slots: Array<{ start: Date }>) => slots.map((s) => s.start.toISOString().slice(11, 16));
const booking = (start: string, end: string): BusyBlock => ({ start, end, kind: 'booking' });
const external = (start: string, end: string): BusyBlock => ({ start, end, kind: 'external' });

describe('listSlots: working hours and grid', () => {
  it('lists hourly starts from 09:00 whose job ends by 17:00', () => {
    const slots = listSlots(sched(), [], 120, day('2025-03-10'), NOW);
    expect(iso(slots)).toEqual(['13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00']);
    expect(slots.at(-1)?.end.toISOString()).toBe('2025-03-10T21:00:00.000Z');
  });

  it('aligns the grid to each range start, not to the hour', () => {
    const s = sched({
      weekly: {
        monday: [
          { start: '08:15', end: '10:00' },
          { start: '13:40', end: '15:00' },
        ],
      },
      slotIntervalMin: 30,
    });
    expect(iso(listSlots(s, [], 30, day('2025-03-10'), NOW))).toEqual(['12:15', '12:45', '13:15', '17:40', '18:10']);
  });

  it('lists nothing on a day without hours and for an empty range', () => {
    expect(listSlots(sched(), [], 60, day('2025-03-09'), NOW)).toEqual([]);
    expect(listSlots(sched(), [], 60, { from: '2025-03-10T15:00:00Z', to: '2025-03-10T15:00:00Z' }, NOW)).toEqual([]);
  });

  it('keeps only starts inside [from, to)', () => {
    const slots = listSlots(sched(), [], 60, { from: '2025-03-10T14:00:00Z', to: '2025-03-10T16:00:00Z' }, NOW);
    expect(iso(slots)).toEqual(['14:00', '15:00']);
  });

  it('chains touching ranges, so a job may span a lunch boundary but not a gap', () => {
    const chained = sched({
      weekly: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '14:00' },
        ],
      },
    });
    expect(iso(listSlots(chained, [], 240, day('2025-03-10'), NOW))).toEqual(['13:00', '14:00']);
    const gap = sched({
      weekly: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '15:00' },
        ],
      },
    });
    expect(listSlots(gap, [], 240, day('2025-03-10'), NOW)).toEqual([]);
  });

  it('rejects bad input with a coded error', () => {
    expect(() => listSlots(sched(), [], 0, day('2025-03-10'), NOW)).toThrow(DomainError);
    expect(() => listSlots(sched(), [], 30.5, day('2025-03-10'), NOW)).toThrow(/whole number/);
    expect(() => listSlots(sched(), [], 60, { from: 'soon', to: '2025-03-10T16:00:00Z' }, NOW)).toThrow(/not a valid date-time/);
    expect(() => checkSlot(sched(), [{ start: 'x', end: 'y', kind: 'booking' }], '2025-03-10T13:00:00Z', 60, NOW)).toThrow(DomainError);
    // Schedules that skipped the schema (straight from the database) fail loudly instead of looping.
    expect(() => listSlots({ ...sched(), slotIntervalMin: 0 }, [], 60, day('2025-03-10'), NOW)).toThrow(/invalid numbers/);
    expect(() => checkSlot({ ...sched(), horizonDays: Number.NaN }, [], '2025-03-10T13:00:00Z', 60, NOW)).toThrow(DomainError);
    expect(() => nextAvailable({ ...sched(), timeZone: 'Mars/Base' }, [], 60, NOW)).toThrow(/Unknown time zone/);
  });
});

describe('midnight and overnight jobs', () => {
  const night = sched({
    weekly: { monday: [{ start: '22:00', end: '24:00' }], tuesday: [{ start: '00:00', end: '02:00' }] },
    slotIntervalMin: 60,
  });

  it('lets a job run past midnight when the next day starts at 00:00', () => {
    const slots = listSlots(night, [], 180, { from: '2025-03-10T00:00:00Z', to: '2025-03-13T00:00:00Z' }, NOW);
    // Monday 22:00 and 23:00 EDT (02:00Z, 03:00Z Tuesday); Tuesday's own 00:00 start cannot fit 3 h.
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2025-03-11T02:00:00.000Z', '2025-03-11T03:00:00.000Z']);
    expect(checkSlot(night, [], '2025-03-11T04:00:00Z', 180, NOW)).toMatchObject({ ok: false, reason: 'outside_hours' });
  });

  it('ends a 22:00-24:00 range at midnight when nothing follows', () => {
    const s = sched({ weekly: { monday: [{ start: '22:00', end: '24:00' }] } });
    expect(iso(listSlots(s, [], 120, { from: '2025-03-10T00:00:00Z', to: '2025-03-12T00:00:00Z' }, NOW))).toEqual(['02:00']);
    expect(listSlots(s, [], 121, { from: '2025-03-10T00:00:00Z', to: '2025-03-12T00:00:00Z' }, NOW)).toEqual([]);
  });
});

describe('overrides', () => {
  it('replaces the weekday hours on that date only', () => {
    const s = sched({ overrides: [{ date: '2025-03-10', ranges: [{ start: '12:00', end: '14:00' }] }] });
    expect(iso(listSlots(s, [], 60, day('2025-03-10'), NOW))).toEqual(['16:00', '17:00']);
    expect(listSlots(s, [], 60, day('2025-03-11'), NOW)).toHaveLength(8);
  });

  it('closes a day with empty ranges and opens a weekend day', () => {
    const s = sched({
      overrides: [
        { date: '2025-03-10', ranges: [] },
        { date: '2025-03-09', ranges: [{ start: '10:00', end: '12:00' }] },
      ],
    });
    expect(listSlots(s, [], 60, day('2025-03-10'), NOW)).toEqual([]);
    expect(checkSlot(s, [], '2025-03-10T13:00:00Z', 60, NOW)).toMatchObject({ ok: false, reason: 'outside_hours' });
    expect(iso(listSlots(s, [], 60, day('2025-03-09'), NOW))).toEqual(['14:00', '15:00']);
  });
});

describe('busy time and buffers', () => {
  it('blocks exactly the busy time when there are no buffers (touching is fine)', () => {
    const busy = [booking('2025-03-10T15:00:00Z', '2025-03-10T16:00:00Z')];
    expect(iso(listSlots(sched(), busy, 60, day('2025-03-10'), NOW))).toEqual([
      '13:00',
      '14:00',
      '16:00',
      '17:00',
      '18:00',
      '19:00',
      '20:00',
    ]);
  });

  it('keeps after + before between two bookings here', () => {
    const s = sched({ bufferBeforeMin: 30, bufferAfterMin: 60, slotIntervalMin: 30 });
    const busy = [booking('2025-03-10T16:00:00Z', '2025-03-10T17:00:00Z')];
    // Blocked for a job body: [16:00 - 90 min, 17:00 + 90 min) = [14:30, 18:30).
    const slots = iso(listSlots(s, busy, 60, day('2025-03-10'), NOW));
    expect(slots).toEqual(['13:00', '13:30', '18:30', '19:00', '19:30', '20:00']);
    expect(checkSlot(s, busy, '2025-03-10T18:00:00Z', 60, NOW)).toMatchObject({ ok: false, reason: 'overlaps' });
  });

  it("takes a Cal.com block as it is, keeping only the new job's buffers clear of it", () => {
    const s = sched({ bufferBeforeMin: 30, bufferAfterMin: 60, slotIntervalMin: 30 });
    const busy = [external('2025-03-10T16:00:00Z', '2025-03-10T17:00:00Z')];
    // Blocked for a job body: [16:00 - after, 17:00 + before) = [15:00, 17:30).
    expect(iso(listSlots(s, busy, 60, day('2025-03-10'), NOW))).toEqual([
      '13:00',
      '13:30',
      '14:00',
      '17:30',
      '18:00',
      '18:30',
      '19:00',
      '19:30',
      '20:00',
    ]);
  });

  it('lets buffers fall outside working hours', () => {
    const s = sched({ bufferBeforeMin: 60, bufferAfterMin: 60 });
    const slots = iso(listSlots(s, [], 60, day('2025-03-10'), NOW));
    expect(slots[0]).toBe('13:00');
    expect(slots.at(-1)).toBe('20:00');
  });

  it('ignores zero-length and inverted busy blocks', () => {
    const busy = [booking('2025-03-10T15:00:00Z', '2025-03-10T15:00:00Z'), external('2025-03-10T16:00:00Z', '2025-03-10T14:00:00Z')];
    expect(listSlots(sched(), busy, 60, day('2025-03-10'), NOW)).toHaveLength(8);
  });
});

describe('notice and horizon', () => {
  it('starts at the first grid point after now + notice', () => {
    const s = sched({ minNoticeMin: 90, slotIntervalMin: 30 });
    // now 14:10Z + 90 min = 15:40Z -> first start 16:00Z.
    const slots = listSlots(s, [], 60, day('2025-03-10'), '2025-03-10T14:10:00Z');
    expect(iso(slots)[0]).toBe('16:00');
    expect(checkSlot(s, [], '2025-03-10T15:30:00Z', 60, '2025-03-10T14:10:00Z')).toMatchObject({ ok: false, reason: 'too_soon' });
  });

  it('treats notice to the millisecond in both listing and checking', () => {
    const s = sched({ minNoticeMin: 60 });
    const now = '2025-03-10T12:00:30Z'; // now + notice = 13:00:30Z, 30 s after the 09:00 EDT slot
    expect(checkSlot(s, [], '2025-03-10T13:00:00Z', 60, now)).toMatchObject({ ok: false, reason: 'too_soon' });
    expect(iso(listSlots(s, [], 60, day('2025-03-10'), now))[0]).toBe('14:00');
    expect(checkSlot(s, [], '2025-03-10T13:00:00Z', 60, '2025-03-10T12:00:00Z')).toEqual({ ok: true });
  });

  it('never lists the past, even without notice', () => {
    const slots = listSlots(sched(), [], 60, day('2025-03-10'), '2025-03-10T15:00:01Z');
    expect(iso(slots)[0]).toBe('16:00');
  });

  it('lists nothing that ends beyond now + horizon', () => {
    const s = sched({ horizonDays: 2 });
    const now = '2025-03-09T15:00:00Z'; // horizon ends 2025-03-11T15:00Z
    const slots = listSlots(s, [], 60, { from: now, to: '2025-03-20T00:00:00Z' }, now);
    expect(slots.at(-1)?.end.toISOString()).toBe('2025-03-11T15:00:00.000Z');
    expect(checkSlot(s, [], '2025-03-11T15:00:00Z', 60, now)).toMatchObject({ ok: false, reason: 'beyond_horizon' });
  });
});

describe('daily and weekly limits', () => {
  it("counts only bookings, by the provider's local day", () => {
    const s = sched({ maxJobsPerDay: 1 });
    // 23:30Z Monday is 19:30 Monday in New York; the external block does not count.
    const busy = [booking('2025-03-10T23:30:00Z', '2025-03-11T00:30:00Z'), external('2025-03-11T13:00:00Z', '2025-03-11T14:00:00Z')];
    expect(listSlots(s, busy, 60, day('2025-03-10'), NOW)).toEqual([]);
    expect(checkSlot(s, busy, '2025-03-10T13:00:00Z', 60, NOW)).toMatchObject({ ok: false, reason: 'daily_limit' });
    expect(listSlots(s, busy, 60, day('2025-03-11'), NOW)).toHaveLength(7);
  });

  it('counts Monday-based weeks in the provider zone', () => {
    const s = sched({ maxJobsPerWeek: 2, weekly: { ...sched().weekly, sunday: NINE_TO_FIVE } });
    // Monday 10th and Sunday 16th (local) are in one week; 02:00Z on the 17th is still Sunday in New York.
    const busy = [booking('2025-03-10T13:00:00Z', '2025-03-10T14:00:00Z'), booking('2025-03-17T02:00:00Z', '2025-03-17T03:00:00Z')];
    expect(listSlots(s, busy, 60, { from: '2025-03-10T00:00:00Z', to: '2025-03-17T04:00:00Z' }, NOW)).toEqual([]);
    expect(checkSlot(s, busy, '2025-03-12T14:00:00Z', 60, NOW)).toMatchObject({ ok: false, reason: 'weekly_limit' });
    expect(listSlots(s, busy, 60, day('2025-03-17'), NOW)).toHaveLength(8);
  });
});

describe('checkSlot', () => {
  it('accepts a listed slot and names the reason for each rule', () => {
    const s = sched({ minNoticeMin: 60, slotIntervalMin: 30 });
    const now = '2025-03-10T12:00:00Z';
    expect(checkSlot(s, [], '2025-03-10T13:00:00Z', 60, now)).toEqual({ ok: true });
    const cases = [
      ['2025-03-10T12:30:00Z', 'too_soon'],
      ['2025-04-30T13:00:00Z', 'beyond_horizon'],
      ['2025-03-10T11:00:00Z', 'too_soon'],
      ['2025-03-10T22:00:00Z', 'outside_hours'],
      ['2025-03-10T20:30:00Z', 'outside_hours'],
      ['2025-03-10T13:10:00Z', 'misaligned'],
      ['2025-03-10T13:00:00.001Z', 'misaligned'],
    ] as const;
    for (const [start, reason] of cases) {
      const r = checkSlot(s, [], start, 60, now);
      expect(r, start).toMatchObject({ ok: false, reason });
      expect(r.ok ? '' : r.message).toMatch(/\w+/);
    }
  });

  it('agrees with listing about a booking after-buffer (Cal.com #29532)', () => {
    const s = sched({ bufferAfterMin: 30, slotIntervalMin: 30 });
    const busy = [booking('2025-03-10T14:00:00Z', '2025-03-10T15:00:00Z')];
    const listed = new Set(listSlots(s, busy, 60, day('2025-03-10'), NOW).map((x) => x.start.getTime()));
    for (let t = Date.parse('2025-03-10T12:00:00Z'); t < Date.parse('2025-03-10T22:00:00Z'); t += 30 * 60_000) {
      expect(checkSlot(s, busy, new Date(t), 60, NOW).ok, new Date(t).toISOString()).toBe(listed.has(t));
    }
    expect(listed.has(Date.parse('2025-03-10T15:00:00Z'))).toBe(false);
    expect(listed.has(Date.parse('2025-03-10T15:30:00Z'))).toBe(true);
  });

  it('assertSlot throws SLOT_UNAVAILABLE with the reason', () => {
    try {
      assertSlot(sched(), [], '2025-03-10T13:30:00Z', 60, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'misaligned' } });
    }
    expect(() => assertSlot(sched(), [], '2025-03-10T13:00:00Z', 60, NOW)).not.toThrow();
  });
});

describe('nextAvailable', () => {
  it('finds the first bookable slot, skipping busy days', () => {
    const busy = [booking('2025-03-10T12:00:00Z', '2025-03-11T22:00:00Z')];
    expect(nextAvailable(sched(), busy, 60, NOW)?.start.toISOString()).toBe('2025-03-12T13:00:00.000Z');
  });

  it('looks past the first week and returns null when nothing fits in the horizon', () => {
    const s = sched({ overrides: [{ date: '2025-03-10', ranges: [] }] });
    const busy = [booking('2025-03-08T00:00:00Z', '2025-03-19T00:00:00Z')];
    expect(nextAvailable(s, busy, 60, NOW)?.start.toISOString()).toBe('2025-03-19T13:00:00.000Z');
    expect(nextAvailable(sched({ horizonDays: 10 }), [booking('2025-03-08T00:00:00Z', '2025-03-30T00:00:00Z')], 60, NOW)).toBeNull();
    expect(nextAvailable(sched(), [], 600, NOW)).toBeNull();
  });
});
