import { parseClock, weekdays } from '@handled/core/availability';
import { dayToIsoDate, localDayOf, localToUtc, weekdayIndex } from '@handled/core/zone';
import { DAY_MS, MINUTE_MS } from '@handled/core/durations';
import type { ProviderPlan } from './providers.ts';
import type { Rng } from './rng.ts';

export interface Placed {
  startsAt: Date;
  endsAt: Date;
  blockStart: Date;
  blockEnd: Date;
}

/** A provider's taken time while the history is drawn, as [blockStart, blockEnd) in ms. */
export type BusyList = [number, number][];

export interface SlotQuery {
  now: number;
  /** Days from the provider's local today: negative for the past. */
  fromDay: number;
  toDay: number;
  lengthMin: number;
  /** Only place jobs that end before this instant (past) or start after it (future). */
  endBefore?: number;
  startAfter?: number;
}

/**
 * Places a job where the provider really works: on a working day, inside one of its ranges, on
 * the 30-minute grid, clear of the provider's other jobs and their buffers. Null after a few misses.
 */
export function placeJob(rng: Rng, p: ProviderPlan, busy: BusyList, q: SlotQuery): Placed | null {
  const zone = p.city.timeZone;
  const today = localDayOf(zone, q.now);
  for (let attempt = 0; attempt < 30; attempt++) {
    const day = today + rng.int(q.fromDay, q.toDay);
    const date = dayToIsoDate(day);
    const override = p.overrides.find((o) => o.date === date);
    const weekday = weekdays[weekdayIndex(day)];
    const ranges = override ? override.ranges : weekday ? p.schedule.weekly[weekday] : [];
    if (ranges.length === 0) continue;
    const range = rng.pick(ranges);
    const open = parseClock(range.start);
    const close = parseClock(range.end);
    const spare = close - open - q.lengthMin;
    if (spare < 0) continue;
    const startMin = open + p.schedule.slotIntervalMin * rng.int(0, Math.floor(spare / p.schedule.slotIntervalMin));
    const start = localToUtc(zone, day * DAY_MS + startMin * MINUTE_MS);
    const end = start + q.lengthMin * MINUTE_MS;
    const blockStart = start - p.schedule.bufferBeforeMin * MINUTE_MS;
    const blockEnd = end + p.schedule.bufferAfterMin * MINUTE_MS;
    if (q.endBefore !== undefined && blockEnd > q.endBefore) continue;
    if (q.startAfter !== undefined && start < q.startAfter) continue;
    if (busy.some(([s, e]) => blockStart < e && s < blockEnd)) continue;
    busy.push([blockStart, blockEnd]);
    return { startsAt: new Date(start), endsAt: new Date(end), blockStart: new Date(blockStart), blockEnd: new Date(blockEnd) };
  }
  return null;
}
