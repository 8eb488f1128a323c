import { localDate } from '@handled/core/time-in-zone';

/** The client's dashboard calendar: bookings by the viewer's local date (the grids: @handled/core/month-grid). */
export function groupByDate<T extends { startsAt: string }>(items: readonly T[], zone: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const d = localDate(it.startsAt, zone);
    const list = out.get(d);
    if (list) list.push(it);
    else out.set(d, [it]);
  }
  return out;
}
