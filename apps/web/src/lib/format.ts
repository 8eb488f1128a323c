import { describeZone } from '@handled/core/availability/display';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...opts });
    cache.set(key, f);
  }
  return f;
}

// ICU puts narrow no-break spaces around AM/PM and in ranges; plain spaces wrap and copy better.
const tidy = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

/** "EDT", "BST", "GMT+10" */
export function zoneAbbr(zone: string, at: Date | string): string {
  return describeZone(zone, new Date(at)).abbreviation;
}

/** "New York time (EDT, UTC-04:00)" */
export function zoneLabel(zone: string, at: Date | string = new Date()): string {
  return describeZone(zone, new Date(at)).label;
}

/** "Thu, Jun 11" */
export function formatDay(iso: string, zone: string): string {
  return tidy(fmt(zone, { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso)));
}

/** "10:00 AM" */
export function formatTime(iso: string, zone: string): string {
  return tidy(fmt(zone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso)));
}

/** "Thu, Jun 11, 10:00 AM – 12:00 PM EDT" */
export function formatSpan(startIso: string, endIso: string, zone: string): string {
  return `${formatDay(startIso, zone)}, ${formatTime(startIso, zone)} – ${formatTime(endIso, zone)} ${zoneAbbr(zone, startIso)}`;
}

/** "Thu, Jun 11, 10:00 AM EDT" */
export function formatWhen(iso: string, zone: string): string {
  return `${formatDay(iso, zone)}, ${formatTime(iso, zone)} ${zoneAbbr(zone, iso)}`;
}

/**
 * A deadline the way people say it: "Tue 5 PM" within the coming week, "Jun 30, 5 PM" further
 * out, with the zone. Minutes only when they are not zero.
 */
export function formatDeadline(iso: string, zone: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = tidy(fmt(zone, { hour: 'numeric', ...(at.getUTCMinutes() % 60 !== 0 || zoneHasHalfHour(zone, at) ? { minute: '2-digit' } : {}) }).format(at));
  const soon = at.getTime() - now.getTime() < 6 * 86_400_000;
  const day = tidy(fmt(zone, soon ? { weekday: 'short' } : { month: 'short', day: 'numeric' }).format(at));
  return `${day} ${time} ${zoneAbbr(zone, at)}`;
}

function zoneHasHalfHour(zone: string, at: Date): boolean {
  return describeZone(zone, at).offsetMinutes % 60 !== 0;
}

/** "2 hours", "1.5 hours", "1 hour" */
export function hoursText(hours: number): string {
  return `${Number(hours.toFixed(2))} hour${hours === 1 ? '' : 's'}`;
}

/** Today's date in a zone, "YYYY-MM-DD". */
export function todayIn(zone: string, now: Date = new Date()): string {
  return fmt(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).replace(/(\d+)\/(\d+)\/(\d+)/, '$3-$1-$2');
}
