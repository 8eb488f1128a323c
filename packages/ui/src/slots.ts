import { calendarDateParts, formatCalendarDate } from '@handled/core/calendar-date';

export interface PickerSlot {
  /** ISO instant. */
  start: string;
  /** "9:30 AM" in the viewer's zone. */
  label: string;
}

export interface PickerDay {
  /** The viewer's local date, "YYYY-MM-DD". */
  date: string;
  slots: PickerSlot[];
}

/** A calendar date ("2026-06-11") read as a date, not an instant: the same in every zone. */
function noonUtc(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export function describeDay(date: string): { weekday: string; day: string; month: string; long: string } {
  const p = calendarDateParts(date);
  return { weekday: p.weekday.slice(0, 3), day: String(p.day), month: p.monthName.slice(0, 3), long: formatCalendarDate(date, 'long') };
}

/** Every date from `from` for `count` days, with the slots that exist on each (empty days included). */
export function fillDays(days: readonly PickerDay[], from: string, count: number): PickerDay[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const start = noonUtc(from).getTime();
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return byDate.get(date) ?? { date, slots: [] };
  });
}
