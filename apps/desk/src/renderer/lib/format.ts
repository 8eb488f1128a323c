import { formatMoney, type Currency } from '@handled/core/money';

// ICU puts a narrow no-break space before AM/PM; plain spaces wrap and copy better.
const tidy = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

export function money(amount: number, currency: string): string {
  return formatMoney({ amount, currency: currency as Currency });
}

function parts(at: Date, zone: string, opts: Intl.DateTimeFormatOptions): string {
  return tidy(new Intl.DateTimeFormat('en-US', { timeZone: zone, ...opts }).format(at));
}

/** "Thu, Jun 12" in the job's zone. */
export function dayLabel(iso: string, zone: string): string {
  return parts(new Date(iso), zone, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** "10:00 AM – 12:00 PM EDT": the zone is always named, the provider may be elsewhere. */
export function timeRange(startIso: string, endIso: string, zone: string): string {
  const start = parts(new Date(startIso), zone, { hour: 'numeric', minute: '2-digit' });
  const end = parts(new Date(endIso), zone, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  return `${start} – ${end}`;
}

/** "Thu, Jun 12 · 10:00 AM – 12:00 PM EDT" */
export function when(startIso: string, endIso: string, zone: string): string {
  return `${dayLabel(startIso, zone)} · ${timeRange(startIso, endIso, zone)}`;
}

/** "Jun 12, 3:04 PM EDT", for timeline entries. */
export function stamp(iso: string, zone: string): string {
  return parts(new Date(iso), zone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
}

/** "2 h", "2 h 30 min", "45 min" */
export function duration(hours: number): string {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export interface TimeLeft {
  label: string;
  /** under two hours: show it in the warning colour */
  urgent: boolean;
  expired: boolean;
}

/** How long the provider has to answer a request, from its `expiresAt`. */
export function timeLeft(expiresAtIso: string | null, now: Date): TimeLeft | null {
  if (!expiresAtIso) return null;
  const ms = new Date(expiresAtIso).getTime() - now.getTime();
  if (ms <= 0) return { label: 'Expired — no longer open', urgent: true, expired: true };
  const minutes = Math.ceil(ms / 60_000);
  const urgent = minutes < 120;
  if (minutes < 60) return { label: `${minutes} min left to answer`, urgent, expired: false };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return { label: rest ? `${hours} h ${rest} min left to answer` : `${hours} h left to answer`, urgent, expired: false };
  }
  return { label: `${Math.floor(hours / 24)} days left to answer`, urgent, expired: false };
}

export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

/** "YYYY-MM-DD" of an instant in a zone, for grouping by day. */
export function localDate(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** "Today", "Tomorrow" or "Thursday, June 12" for a day heading. */
export function dayHeading(date: string, zone: string, now: Date): string {
  const today = localDate(now.toISOString(), zone);
  const tomorrow = localDate(new Date(now.getTime() + 86_400_000).toISOString(), zone);
  const noon = new Date(`${date}T12:00:00Z`);
  const long = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(noon);
  if (date === today) return `Today · ${long}`;
  if (date === tomorrow) return `Tomorrow · ${long}`;
  return long;
}
