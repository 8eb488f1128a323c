import { parseClock, weekdays } from './clock.ts';
import type { WeeklyHours } from './schedule.schema.ts';
import type { AvailableSlot } from './slots.ts';
import { dayToIsoDate, localDayOf, zoneOffsetMs } from './zone.ts';
import { zoneFormatter } from '../time-in-zone.ts';

export interface SlotLabel {
  start: Date;
  end: Date;
  /** "9:30 AM" in the viewer's zone; "1:30 AM EDT" when the clocks change that day. */
  label: string;
}

export interface SlotDay {
  /** The viewer's local date, "YYYY-MM-DD". */
  date: string;
  slots: SlotLabel[];
}

/**
 * Slots grouped by the viewer's local date, labelled in the viewer's zone. Only presentation
 * depends on `viewerZone`: the instants are the same for every viewer.
 */
export function groupSlotsByDay(slots: readonly AvailableSlot[], viewerZone: string, locale = 'en-US'): SlotDay[] {
  const days: SlotDay[] = [];
  const offsetsPerDay: Array<Set<number>> = [];
  let currentDay: number | null = null;
  for (const slot of slots) {
    const t = slot.start.getTime();
    const day = localDayOf(viewerZone, t);
    if (day !== currentDay) {
      days.push({ date: dayToIsoDate(day), slots: [] });
      offsetsPerDay.push(new Set());
      currentDay = day;
    }
    days[days.length - 1]?.slots.push({ start: slot.start, end: slot.end, label: '' });
    offsetsPerDay[offsetsPerDay.length - 1]?.add(zoneOffsetMs(viewerZone, t));
  }
  days.forEach((d, i) => {
    // On a day the clocks change, "1:30 AM" can mean two instants: name the zone to tell them apart.
    const withZone = (offsetsPerDay[i]?.size ?? 0) > 1;
    const label = zoneFormatter(viewerZone, withZone ? 'time-zone' : 'time', locale);
    for (const s of d.slots) s.label = label(s.start);
  });
  return days;
}

const shortDays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Weekly hours in a line per run of days with the same hours, for provider cards:
 * ["Mon–Fri 09:00–17:00", "Sat 10:00–12:00, 13:00–15:00"]. Closed days are left out.
 */
export function summarizeWeeklyHours(weekly: WeeklyHours): string[] {
  const perDay = weekdays.map((d) =>
    [...weekly[d]]
      .sort((a, b) => parseClock(a.start) - parseClock(b.start))
      .map((r) => `${r.start}–${r.end}`)
      .join(', '),
  );
  const lines: string[] = [];
  for (let i = 0; i < 7;) {
    const hours = perDay[i] ?? '';
    let j = i;
    while (j + 1 < 7 && perDay[j + 1] === hours) j++;
    if (hours) lines.push(`${shortDays[i]}${j > i ? `–${shortDays[j]}` : ''} ${hours}`);
    i = j + 1;
  }
  return lines;
}
