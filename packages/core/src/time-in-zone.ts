/**
 * Instants put into words for a person in a time zone, in one place for the site, the desk, the
 * bot, emails and receipts: "Thu, Jun 11, 10:00 AM EDT". The zone is always the reader's (or the
 * job's, named), never the machine's.
 *
 * Formatters are built once per zone, style and locale and kept (building an `Intl.DateTimeFormat`
 * costs far more than using one), and only when first asked for: importing this module runs no
 * Intl, so a page that only needs calendar dates (`calendar-date.ts`) or grids never pays for it.
 */
import { DAY_MS, MINUTE_MS } from './durations.ts';
import { dayToIsoDate, localDayOf, zoneOffsetMs } from './availability/zone.ts';

/** An instant as a Date, an ISO string or epoch milliseconds. */
export type Instant = Date | string | number;

const styles = {
  /** "10:00 AM" */
  time: { hour: 'numeric', minute: '2-digit' },
  /** "5 PM" */
  hour: { hour: 'numeric' },
  /** "10:00 AM EDT" */
  'time-zone': { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** "Thu, Jun 11" */
  day: { weekday: 'short', month: 'short', day: 'numeric' },
  /** "Thu" */
  weekday: { weekday: 'short' },
  /** "Jun 11" */
  'month-day': { month: 'short', day: 'numeric' },
  /** "Jun 11, 2026" */
  date: { month: 'short', day: 'numeric', year: 'numeric' },
  /** "Thursday, June 11, 2026" */
  'long-date': { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
  /** "Jun 11, 10:00 AM" */
  'month-day-time': { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  /** "Jun 11, 10:00 AM EDT" */
  stamp: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** "Thu, Jun 11, 10:00 AM EDT" */
  when: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** "Thu, Jun 11, 2026, 10:00 AM EDT" */
  full: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** "June 11, 2026 at 10:00 AM EDT" */
  issued: { month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** The zone's short name alone, read from the parts: "EDT" */
  zone: { timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type ZoneStyle = keyof typeof styles;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Zones come validated, so this stays small; the cap only guards against a caller that does not.
const FORMATTER_LIMIT = 5_000;

function formatter(zone: string, style: ZoneStyle, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size >= FORMATTER_LIMIT) formatters.clear();
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...styles[style] });
    formatters.set(key, f);
  }
  return f;
}

const toDate = (at: Instant) => (at instanceof Date ? at : new Date(at));

// ICU puts narrow no-break and thin spaces around AM/PM and in ranges; plain spaces wrap and copy better.
const tidy = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

/** An instant in one of the named styles (see `styles`), in `zone`. */
export function formatInZone(at: Instant, zone: string, style: ZoneStyle, locale = 'en-US'): string {
  return tidy(formatter(zone, style, locale).format(toDate(at)));
}

/** The same as a function of the instant, for loops over many instants in one zone and style. */
export function zoneFormatter(zone: string, style: ZoneStyle, locale = 'en-US'): (at: Instant) => string {
  const f = formatter(zone, style, locale);
  return (at) => tidy(f.format(toDate(at)));
}

/** "Thu, Jun 11" */
export function formatDay(at: Instant, zone: string, locale = 'en-US'): string {
  return formatInZone(at, zone, 'day', locale);
}

/** "10:00 AM" */
export function formatTime(at: Instant, zone: string, locale = 'en-US'): string {
  return formatInZone(at, zone, 'time', locale);
}

/** "Jun 11, 3:04 PM EDT": when something happened or is due, for timelines and notes. */
export function formatStamp(at: Instant, zone: string): string {
  return formatInZone(at, zone, 'stamp');
}

/** "Thu, Jun 11, 10:00 AM EDT" (in another locale: "jue, 11 jun, 10:00 GMT-4") */
export function formatWhen(at: Instant, zone: string, locale = 'en-US'): string {
  return formatInZone(at, zone, 'when', locale);
}

/** "10:00 AM – 12:00 PM EDT", or without the zone's name: "10:00 AM – 12:00 PM". */
export function formatTimeSpan(start: Instant, end: Instant, zone: string, nameZone = true, locale = 'en-US'): string {
  const times = `${formatTime(start, zone, locale)} – ${formatTime(end, zone, locale)}`;
  return nameZone ? `${times} ${zoneAbbr(zone, start, locale)}` : times;
}

/** "Thu, Jun 11, 10:00 AM – 12:00 PM EDT" */
export function formatSpan(start: Instant, end: Instant, zone: string, locale = 'en-US'): string {
  return `${formatDay(start, zone, locale)}, ${formatTimeSpan(start, end, zone, true, locale)}`;
}

/**
 * A deadline the way people say it: "Tue 5 PM EDT" within the coming week, "Jun 30 5 PM EDT"
 * further out. Minutes only when they are not zero (or the zone is off the hour).
 */
export function formatDeadline(at: Instant, zone: string, now: Date = new Date()): string {
  const d = toDate(at);
  const offHour = d.getUTCMinutes() !== 0 || describeZone(zone, d).offsetMinutes % 60 !== 0;
  const soon = d.getTime() - now.getTime() < 6 * DAY_MS;
  return `${formatInZone(d, zone, soon ? 'weekday' : 'month-day')} ${formatInZone(d, zone, offHour ? 'time' : 'hour')} ${zoneAbbr(zone, d)}`;
}

/** The calendar date of an instant in a zone, "YYYY-MM-DD" (for grouping by day and "today"). */
export function localDate(at: Instant, zone: string): string {
  return dayToIsoDate(localDayOf(zone, toDate(at).getTime()));
}

/** Today's date in a zone, "YYYY-MM-DD". */
export function todayIn(zone: string, now: Date = new Date()): string {
  return localDate(now, zone);
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
  const abbreviation = shortName(zone, at, locale) ?? offset;
  const city = (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  const label = abbreviation === offset ? `${city} time (${offset})` : `${city} time (${abbreviation}, ${offset})`;
  return { zone, offsetMinutes, offset, abbreviation, city, label };
}

function shortName(zone: string, at: Date, locale: string): string | undefined {
  return formatter(zone, 'zone', locale)
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
}

/** "EDT", "BST", "GMT+10" (the locale's short name: "GMT-4" in `es`) */
export function zoneAbbr(zone: string, at: Instant, locale = 'en-US'): string {
  const d = toDate(at);
  return shortName(zone, d, locale) ?? describeZone(zone, d).offset;
}

/** "New York time (EDT, UTC-04:00)" */
export function zoneLabel(zone: string, at: Instant = new Date()): string {
  return describeZone(zone, toDate(at)).label;
}
