import { parseClock, weekdays, weeklyHoursSchema, type TimeRange, type Weekday, type WeeklyHours } from '@handled/core/availability';
import { toLocalMs } from '@handled/core/zone';
import { DAY_MS, MINUTE_MS } from '@handled/core/durations';

export { weekdays, type TimeRange, type Weekday, type WeeklyHours };

export const weekdayLabels: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

const workdays: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

export function emptyWeek(): WeeklyHours {
  return { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
}

/** A deep copy, so the editor never edits what the API returned. */
export function cloneWeek(week: WeeklyHours | null | undefined): WeeklyHours {
  const out = emptyWeek();
  if (week) for (const d of weekdays) out[d] = (week[d] ?? []).map((r) => ({ start: r.start, end: r.end }));
  return out;
}

/** One day's hours onto Monday–Friday (the day itself included when it is a weekday). */
export function copyToWeekdays(week: WeeklyHours, from: Weekday): WeeklyHours {
  const out = cloneWeek(week);
  for (const d of workdays) out[d] = week[from].map((r) => ({ ...r }));
  return out;
}

/** The next range to add on a day: an hour after the last one ends (or 09:00–17:00 on an empty day). */
export function nextRange(ranges: readonly TimeRange[]): TimeRange {
  if (ranges.length === 0) return { start: '09:00', end: '17:00' };
  const lastEnd = Math.max(...ranges.map((r) => parseClock(r.end)));
  const start = Math.min(lastEnd + 60, 23 * 60);
  const end = Math.min(start + 120, 24 * 60);
  return { start: clock(start), end: clock(end) };
}

export function clock(minutes: number): string {
  if (minutes >= 1440) return '24:00';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `<input type=time>` cannot show 24:00; "00:00" as an end means midnight. */
export function fromTimeInput(value: string, role: 'start' | 'end'): string {
  return role === 'end' && value === '00:00' ? '24:00' : value;
}
export function toTimeInput(value: string): string {
  return value === '24:00' ? '00:00' : value;
}

/** Problems per day with the engine's own schema (the API validates with the same one). */
export function weekProblems(week: WeeklyHours): Partial<Record<Weekday, string>> {
  const parsed = weeklyHoursSchema.safeParse(week);
  if (parsed.success) return {};
  const out: Partial<Record<Weekday, string>> = {};
  for (const issue of parsed.error.issues) {
    const day = issue.path[0] as Weekday;
    out[day] ??= issue.message;
  }
  return out;
}

export function sameWeek(a: WeeklyHours, b: WeeklyHours): boolean {
  return weekdays.every((d) => a[d].length === b[d].length && a[d].every((r, i) => r.start === b[d][i]?.start && r.end === b[d][i]?.end));
}

/** Total bookable hours in a week, for the summary line. */
export function weeklyTotalHours(week: WeeklyHours): number {
  let minutes = 0;
  for (const d of weekdays) for (const r of week[d]) minutes += Math.max(0, parseClock(r.end) - parseClock(r.start));
  return minutes / 60;
}

// ---- The month picker (its grid: @handled/core/month-grid) -------------------------------------

/** Which weekday a calendar date is ("2026-06-15" -> "monday"). */
export function weekdayOf(date: string): Weekday {
  const i = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return weekdays[i] ?? 'monday';
}

// ---- The slot preview picture ----------------------------------------------------------------

export interface PreviewSlot {
  start: string;
  end: string;
  label: string;
}

/** A run of bookable starts, in minutes after local midnight, for drawing one band. */
export interface StartBand {
  from: number;
  to: number;
  count: number;
  firstLabel: string;
  lastLabel: string;
}

/** Minutes after local midnight of an instant in a zone. */
export function localMinutes(iso: string, zone: string): number {
  const local = toLocalMs(zone, Date.parse(iso));
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/**
 * Consecutive starts (no more than `intervalMin` apart) merged into bands: a day with starts every
 * 30 minutes from 9:00 to 15:00 is one band 9:00–15:30, drawn as one block.
 */
export function startBands(slots: readonly PreviewSlot[], zone: string, intervalMin: number): StartBand[] {
  const bands: StartBand[] = [];
  let prevStart = -Infinity;
  for (const s of slots) {
    const t = Date.parse(s.start);
    const at = localMinutes(s.start, zone);
    const last = bands[bands.length - 1];
    if (last && t - prevStart <= intervalMin * 60_000 && at >= last.from) {
      last.to = Math.min(1440, at + intervalMin);
      last.count++;
      last.lastLabel = s.label;
    } else {
      bands.push({ from: at, to: Math.min(1440, at + intervalMin), count: 1, firstLabel: s.label, lastLabel: s.label });
    }
    prevStart = t;
  }
  return bands;
}

// ---- Freshness -------------------------------------------------------------------------------

/** "just now", "4 min ago", "3 h ago", "2 days ago". */
export function ago(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}
