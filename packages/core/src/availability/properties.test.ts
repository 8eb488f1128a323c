import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { groupSlotsByDay } from './display.ts';
import { parseClock, scheduleSchema, weekdays, type BusyBlock, type Schedule, type TimeRange } from './schedule.schema.ts';
import { checkSlot, listSlots, nextAvailable, type AvailableSlot } from './slots.ts';

/*
 * Oracles here use luxon and plain formulas, not the engine's own helpers, so a shared bug in the
 * engine's zone or busy code cannot make both sides agree.
 */

const MIN = 60_000;
const DAY = 86_400_000;
const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC'];
const clock = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

// Ranges on 5-minute marks, paired from sorted distinct points: never overlapping, sometimes touching 24:00.
const dayRanges = fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 6 }).map((pts) => {
  const s = [...pts].sort((a, b) => a - b);
  const out: TimeRange[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push({ start: clock((s[i] ?? 0) * 5), end: clock((s[i + 1] ?? 0) * 5) });
  return out;
});
const fullDay = fc.constant([{ start: '00:00', end: '24:00' }]);
const anyDay = fc.oneof({ weight: 5, arbitrary: dayRanges }, { weight: 1, arbitrary: fullDay });

const world = fc
  .record({
    zone: fc.constantFrom(...zones),
    weekly: fc.tuple(anyDay, anyDay, anyDay, anyDay, anyDay, anyDay, anyDay),
    overrides: fc.uniqueArray(fc.record({ dayOffset: fc.integer({ min: -1, max: 20 }), ranges: anyDay }), {
      maxLength: 3,
      selector: (o) => o.dayOffset,
    }),
    bufferBeforeMin: fc.integer({ min: 0, max: 18 }).map((x) => x * 5),
    bufferAfterMin: fc.integer({ min: 0, max: 18 }).map((x) => x * 5),
    minNoticeMin: fc.integer({ min: 0, max: 3000 }),
    horizonDays: fc.integer({ min: 1, max: 30 }),
    slotIntervalMin: fc.constantFrom(5, 10, 15, 20, 30, 45, 60, 90),
    maxJobsPerDay: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    maxJobsPerWeek: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    // Around the 2025/2026 DST changes of all the zones above, to the minute (and some seconds).
    now: fc
      .tuple(fc.integer({ min: 0, max: 2 * 365 * 1440 }), fc.constantFrom(0, 0, 17_000))
      .map(([m, s]) => Date.parse('2025-01-01T00:00:00Z') + m * MIN + s),
    busy: fc.array(
      fc.record({
        offsetMin: fc.integer({ min: -2 * 1440, max: 25 * 1440 }),
        lenMin: fc.integer({ min: 1, max: 600 }),
        kind: fc.constantFrom('booking' as const, 'external' as const),
      }),
      { maxLength: 12 },
    ),
    lengthMin: fc.integer({ min: 5, max: 720 }),
    fromOffsetMin: fc.integer({ min: -2 * 1440, max: 10 * 1440 }),
    spanMin: fc.integer({ min: 0, max: 14 * 1440 }),
  })
  .map((w) => {
    const localToday = DateTime.fromMillis(w.now, { zone: w.zone }).startOf('day');
    const schedule: Schedule = scheduleSchema.parse({
      timeZone: w.zone,
      weekly: Object.fromEntries(weekdays.map((d, i) => [d, w.weekly[i]])),
      overrides: w.overrides.map((o) => ({ date: localToday.plus({ days: o.dayOffset }).toISODate(), ranges: o.ranges })),
      bufferBeforeMin: w.bufferBeforeMin,
      bufferAfterMin: w.bufferAfterMin,
      minNoticeMin: w.minNoticeMin,
      horizonDays: w.horizonDays,
      slotIntervalMin: w.slotIntervalMin,
      maxJobsPerDay: w.maxJobsPerDay,
      maxJobsPerWeek: w.maxJobsPerWeek,
    });
    const busy: BusyBlock[] = w.busy.map((b, i) => ({
      start: new Date(w.now + b.offsetMin * MIN),
      end: new Date(w.now + (b.offsetMin + b.lenMin) * MIN).toISOString(),
      kind: b.kind,
      id: `b${i}`,
    }));
    const from = w.now + w.fromOffsetMin * MIN;
    return { schedule, busy, lengthMin: w.lengthMin, from, to: from + w.spanMin * MIN, now: w.now };
  });

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
const D = (ms: number) => new Date(ms);
const list = (w: World) => listSlots(w.schedule, w.busy, w.lengthMin, { from: D(w.from), to: D(w.to) }, D(w.now));

/** Ranges (minutes of the local day) in force on a luxon date. */
function hoursOn(s: Schedule, dt: DateTime): Array<[number, number]> {
  const date = dt.toISODate();
  const ranges = s.overrides.find((o) => o.date === date)?.ranges ?? s.weekly[weekdays[dt.weekday - 1] ?? 'monday'];
  return ranges.map((r) => [parseClock(r.start), parseClock(r.end)]);
}

/** Whether the provider's wall clock at instant x is inside that day's hours. */
function wallInHours(s: Schedule, x: number): boolean {
  const dt = DateTime.fromMillis(x, { zone: s.timeZone });
  const wall = dt.hour * 60 + dt.minute + (dt.second * 1000 + dt.millisecond) / MIN;
  return hoursOn(s, dt).some(([a, b]) => a <= wall && wall < b);
}

/** Within 3 h after clocks went back, a wall time may be its second occurrence: the engine's ranges
 *  run on through it (see index.ts), which a pure wall-clock check cannot express. */
const afterFallBack = (zone: string, x: number) =>
  DateTime.fromMillis(x - 3 * 3_600_000, { zone }).offset > DateTime.fromMillis(x, { zone }).offset;

const RUNS = { numRuns: 200 };

describe('availability properties', () => {
  it('slots are ordered, well-formed and inside [from, to), notice and horizon', () => {
    fc.assert(
      fc.property(world, (w) => {
        const slots = list(w);
        let prev = -Infinity;
        for (const s of slots) {
          const t = s.start.getTime();
          expect(t).toBeGreaterThan(prev);
          prev = t;
          expect(s.end.getTime() - t).toBe(w.lengthMin * MIN);
          expect(t).toBeGreaterThanOrEqual(Math.max(w.from, w.now + w.schedule.minNoticeMin * MIN));
          expect(t).toBeLessThan(w.to);
          expect(s.end.getTime()).toBeLessThanOrEqual(w.now + w.schedule.horizonDays * DAY);
        }
      }),
      RUNS,
    );
  });

  it('no slot overlaps busy time widened by buffers', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { bufferBeforeMin: before, bufferAfterMin: after } = w.schedule;
        for (const s of list(w)) {
          const jobFrom = s.start.getTime() - before * MIN;
          const jobTo = s.end.getTime() + after * MIN;
          for (const b of w.busy) {
            const bs = new Date(b.start).getTime();
            const be = new Date(b.end).getTime();
            const [from, to] = b.kind === 'booking' ? [bs - before * MIN, be + after * MIN] : [bs, be];
            expect(jobFrom < to && from < jobTo, `${s.start.toISOString()} vs ${b.id}`).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it("every slot lies inside working hours in the provider's zone", () => {
    fc.assert(
      fc.property(world, (w) => {
        const slots = list(w);
        // Ten slots spread over the list; ranges, slots and offsets sit on 5-minute marks, so a
        // sample every 5 minutes finds any hole in the hours.
        const picks = slots.length <= 10 ? slots : Array.from({ length: 10 }, (_, i) => slots[Math.floor((i * slots.length) / 10)]);
        for (const s of picks) {
          if (!s) continue;
          const [a, b] = [s.start.getTime(), s.end.getTime()];
          for (let x = a; x < b; x += 5 * MIN) {
            if (!afterFallBack(w.schedule.timeZone, x)) expect(wallInHours(w.schedule, x), new Date(x).toISOString()).toBe(true);
          }
          if (!afterFallBack(w.schedule.timeZone, b - 1)) expect(wallInHours(w.schedule, b - 1)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('limits hold per provider-local day and Monday-based week', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { maxJobsPerDay, maxJobsPerWeek, timeZone } = w.schedule;
        const local = (d: Date | string | number) => DateTime.fromJSDate(new Date(d), { zone: timeZone });
        const bookings = w.busy.filter((b) => b.kind === 'booking').map((b) => local(b.start));
        // luxon's weeks are ISO weeks: Monday-based.
        const perDay = new Map<string, number>();
        const perWeek = new Map<string, number>();
        for (const b of bookings) {
          perDay.set(b.toISODate() ?? '', (perDay.get(b.toISODate() ?? '') ?? 0) + 1);
          perWeek.set(b.toISOWeekDate()?.slice(0, 8) ?? '', (perWeek.get(b.toISOWeekDate()?.slice(0, 8) ?? '') ?? 0) + 1);
        }
        for (const s of list(w)) {
          const d = local(s.start);
          if (maxJobsPerDay !== undefined) expect(perDay.get(d.toISODate() ?? '') ?? 0).toBeLessThan(maxJobsPerDay);
          if (maxJobsPerWeek !== undefined) expect(perWeek.get(d.toISOWeekDate()?.slice(0, 8) ?? '') ?? 0).toBeLessThan(maxJobsPerWeek);
        }
      }),
      RUNS,
    );
  });

  it('checkSlot accepts exactly the listed starts (listed, grid neighbours, range starts, random minutes)', () => {
    fc.assert(
      fc.property(world, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (w, randoms) => {
        const slots = list(w);
        const listed = new Set(slots.map((s) => s.start.getTime()));
        const step = w.schedule.slotIntervalMin * MIN;
        const candidates = new Set<number>();
        for (const t of listed) for (let k = -3; k <= 3; k++) candidates.add(t + k * step);
        // Grid points of each day's ranges (luxon's wall-time conversion: fine as a sampler).
        const zone = w.schedule.timeZone;
        for (
          let d = DateTime.fromMillis(w.from, { zone }).startOf('day').minus({ days: 1 });
          d.toMillis() < w.to;
          d = d.plus({ days: 1 })
        ) {
          for (const [a] of hoursOn(w.schedule, d)) {
            const start = d.plus({ minutes: a }).toMillis();
            for (let k = 0; k < 8; k++) candidates.add(start + k * step);
          }
        }
        for (const r of randoms) candidates.add(w.from + Math.floor((r * (w.to - w.from)) / MIN) * MIN);
        for (const t of candidates) {
          if (t < w.from || t >= w.to) continue;
          const check = checkSlot(w.schedule, w.busy, new Date(t), w.lengthMin, D(w.now));
          expect(check.ok, `${new Date(t).toISOString()} ${check.ok ? '' : check.reason}`).toBe(listed.has(t));
        }
        for (const t of listed) expect(checkSlot(w.schedule, w.busy, new Date(t), w.lengthMin, D(w.now))).toEqual({ ok: true });
      }),
      RUNS,
    );
  });

  it('splitting the range changes nothing, and nextAvailable is the first slot from now', () => {
    fc.assert(
      fc.property(world, fc.double({ min: 0, max: 1, noNaN: true }), (w, cut) => {
        const mid = w.from + Math.floor(cut * (w.to - w.from));
        const parts = [
          ...listSlots(w.schedule, w.busy, w.lengthMin, { from: D(w.from), to: D(mid) }, D(w.now)),
          ...listSlots(w.schedule, w.busy, w.lengthMin, { from: D(mid), to: D(w.to) }, D(w.now)),
        ];
        expect(parts).toEqual(list(w));
        const horizon = w.now + w.schedule.horizonDays * DAY;
        const first = listSlots(w.schedule, w.busy, w.lengthMin, { from: D(w.now), to: D(horizon) }, D(w.now))[0] ?? null;
        expect(nextAvailable(w.schedule, w.busy, w.lengthMin, D(w.now))).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it("the viewer's zone changes only the presentation", () => {
    fc.assert(
      fc.property(world, fc.constantFrom(...zones, 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'), (w, viewer) => {
        const slots = list(w);
        const flat = (days: ReturnType<typeof groupSlotsByDay>): AvailableSlot[] =>
          days.flatMap((d) => d.slots.map((s) => ({ start: s.start, end: s.end })));
        const mine = groupSlotsByDay(slots, viewer);
        expect(flat(mine)).toEqual(slots);
        expect(flat(groupSlotsByDay(slots, w.schedule.timeZone))).toEqual(slots);
        const dates = mine.map((d) => d.date);
        expect([...dates].sort()).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
        for (const d of mine) for (const s of d.slots) expect(DateTime.fromJSDate(s.start, { zone: viewer }).toISODate()).toBe(d.date);
      }),
      RUNS,
    );
  });
});
