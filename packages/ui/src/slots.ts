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

const dayParts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const longDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });

/** A calendar date ("2026-06-11") read as a date, not an instant: the same in every zone. */
function noonUtc(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export function describeDay(date: string): { weekday: string; day: string; month: string; long: string } {
  const parts = dayParts.formatToParts(noonUtc(date));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return { weekday: get('weekday'), day: get('day'), month: get('month'), long: longDay.format(noonUtc(date)) };
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
