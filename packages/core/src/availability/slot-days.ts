import { DAY_MS, MINUTE_MS } from '../durations.ts';
import type { AvailableSlot } from './slots.ts';
import { dayToIsoDate, localDayOf, localToUtc } from './zone.ts';

/**
 * Free starts of one of the viewer's local dates, each listed once and compactly: the day's first
 * start as an instant, then every start as minutes after it. 30 days of a busy provider is a few KB
 * instead of a list of {start, end, label} objects. Labels are made where they are shown
 * (`groupSlotsByDay(unpackSlotDays(days, lengthMin), zone)`), in the viewer's zone and locale.
 */
export interface PackedSlotDay {
  /** The viewer's local date, "YYYY-MM-DD". */
  date: string;
  /** The day's first free start (ISO instant). */
  start: string;
  /** Each free start that day, in minutes after `start` (the first is 0), ascending. */
  offsets: number[];
}

/** Groups ordered starts (epoch ms) by the viewer's local date. */
export function packSlotDays(starts: readonly number[], viewerZone: string): PackedSlotDay[] {
  const days: PackedSlotDay[] = [];
  let packed: PackedSlotDay | null = null;
  let first = 0;
  // The instant the current local date ends: one zone lookup per date, not per start.
  let dayEnd = -Infinity;
  for (const t of starts) {
    if (t >= dayEnd || !packed) {
      const day = localDayOf(viewerZone, t);
      dayEnd = localToUtc(viewerZone, (day + 1) * DAY_MS);
      // Where clocks fall back across midnight the next date's first instant is not its end of
      // the day: then look the day up start by start.
      if (localDayOf(viewerZone, dayEnd) !== day + 1) dayEnd = t + 1;
      if (!packed || packed.date !== dayToIsoDate(day)) {
        first = t;
        packed = { date: dayToIsoDate(day), start: new Date(t).toISOString(), offsets: [] };
        days.push(packed);
      }
    }
    packed.offsets.push(Math.round((t - first) / MINUTE_MS));
  }
  return days;
}

/** The slots of packed days, in order, each `lengthMin` long. */
export function unpackSlotDays(days: readonly PackedSlotDay[], lengthMin: number): AvailableSlot[] {
  const out: AvailableSlot[] = [];
  const length = lengthMin * MINUTE_MS;
  for (const d of days) {
    const first = Date.parse(d.start);
    for (const m of d.offsets) {
      const t = first + m * MINUTE_MS;
      out.push({ start: new Date(t), end: new Date(t + length) });
    }
  }
  return out;
}

/** How many slots the packed days hold. */
export function countSlotDays(days: readonly PackedSlotDay[]): number {
  let n = 0;
  for (const d of days) n += d.offsets.length;
  return n;
}

/** The slots of a packed answer as ISO instants, in order (tests and simple consumers). */
export function isoSlotsOf(answer: { days: readonly PackedSlotDay[]; lengthMin: number }): { start: string; end: string }[] {
  return unpackSlotDays(answer.days, answer.lengthMin).map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }));
}
