import { parseClock, weekdays } from './clock.ts';
import type { WeeklyHours } from './schedule.schema.ts';
import type { AvailableSlot } from './slots.ts';
import { dayToIsoDate, localDayOf, zoneOffsetMs } from './zone.ts';
import { MINUTE_MS } from '../durations.ts';

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

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(zone: string, locale: string, withZone: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${locale}|${withZone}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      hour: 'numeric',
      minute: '2-digit',
      ...(withZone ? { timeZoneName: 'short' as const } : {}),
    });
    timeFormats.set(key, f);
  }
  return f;
}

// ICU puts a narrow no-break space before AM/PM; plain spaces are easier on every front end.
const tidy = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

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
    const f = timeFormat(viewerZone, locale, withZone);
    for (const s of d.slots) s.label = tidy(f.format(s.start));
  });
  return days;
}

export interface ZoneDescription {
  zone: string;
  /** Minutes east of UTC at the given instant (New York in summer: -240). */
  offsetMinutes: number;
  /** "UTC-04:00" */
  offset: string;
  /** Short name at that instant: "EDT", "GMT+10" (depends on the locale's data). */
  abbreviation: string;
  /** "New York" */
  city: string;
  /** "New York time (EDT, UTC-04:00)" */
  label: string;
}

/** Names a zone for the UI at a given instant (the offset depends on the date). */
export function describeZone(zone: string, at: Date, locale = 'en-US'): ZoneDescription {
  const offsetMinutes = Math.round(zoneOffsetMs(zone, at.getTime()) / MINUTE_MS);
  const abs = Math.abs(offsetMinutes);
  const offset = `UTC${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const abbreviation =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
      ?.value ?? offset;
  const city = (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  const label = abbreviation === offset ? `${city} time (${offset})` : `${city} time (${abbreviation}, ${offset})`;
  return { zone, offsetMinutes, offset, abbreviation, city, label };
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
  for (let i = 0; i < 7; ) {
    const hours = perDay[i] ?? '';
    let j = i;
    while (j + 1 < 7 && perDay[j + 1] === hours) j++;
    if (hours) lines.push(`${shortDays[i]}${j > i ? `–${shortDays[j]}` : ''} ${hours}`);
    i = j + 1;
  }
  return lines;
}
