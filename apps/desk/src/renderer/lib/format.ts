import { formatCalendarDate } from '@handled/core/calendar-date';
import { DAY_MS } from '@handled/core/durations';
import { formatMoney, type Currency } from '@handled/core/money';
import { formatDay, formatTimeSpan, localDate } from '@handled/core/time-in-zone';

export function money(amount: number, currency: string): string {
  return formatMoney({ amount, currency: currency as Currency });
}

/** "Thu, Jun 12 · 10:00 AM – 12:00 PM EDT": the zone is always named, the provider may be elsewhere. */
export function when(startIso: string, endIso: string, zone: string): string {
  return `${formatDay(startIso, zone)} · ${formatTimeSpan(startIso, endIso, zone)}`;
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

/** "Today", "Tomorrow" or "Thursday, June 12" for a day heading. */
export function dayHeading(date: string, zone: string, now: Date): string {
  const long = formatCalendarDate(date, 'long');
  if (date === localDate(now, zone)) return `Today · ${long}`;
  if (date === localDate(now.getTime() + DAY_MS, zone)) return `Tomorrow · ${long}`;
  return long;
}
