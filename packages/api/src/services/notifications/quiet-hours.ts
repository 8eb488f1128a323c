import { localToUtc, toLocalMs } from '@handled/core/zone';

const DAY = 86_400_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * When quiet hours (`start`–`end`, wall-clock `HH:MM` in `zone`, possibly over midnight) end, if
 * `now` falls inside them; null when it does not (or no quiet hours are set).
 */
export function quietHoursEnd(now: Date, zone: string, start: string | null, end: string | null): Date | null {
  if (!start || !end) return null;
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === null || e === null || s === e) return null;
  const local = toLocalMs(zone, now.getTime());
  const dayStart = Math.floor(local / DAY) * DAY;
  const minute = (local - dayStart) / 60_000;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return null;
  const endLocal = s < e || minute < e ? dayStart + e * 60_000 : dayStart + DAY + e * 60_000;
  const at = localToUtc(zone, endLocal);
  // A wall-clock end skipped by a DST jump resolves to just after it; never before now.
  return new Date(Math.max(at, now.getTime() + 1000));
}
