/**
 * Plain calendar and clock helpers (no zod), shared by the schemas and by code that runs in the
 * browser, where pulling zod in just for these would cost a page its JavaScript budget.
 */

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

export const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
// IANA names only ("Area/City", "UTC", "Etc/GMT+5"); Intl decides whether the zone exists.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** "HH:MM" -> minutes after local midnight (0..1440). Assumes a validated string. */
export function parseClock(hhmm: string): number {
  return hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

// Building an Intl formatter costs ~0.3 ms; remember the zones already found valid.
const knownZones = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (!ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    if (knownZones.size < 1000) knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

export function isCalendarDate(ymd: string): boolean {
  const m = YMD.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
