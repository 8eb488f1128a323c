import { localToUtc, toLocalMs } from '@handled/core/zone';

const hasOffset = /(?:[zZ]|[+-]\d\d:\d\d)$/;

/** An instant as the account's wall clock shows it: `2026-03-08 09:00` (for the page). */
export function wallClock(iso: string, zone: string): string {
  return new Date(toLocalMs(zone, Date.parse(iso))).toISOString().replace('T', ' ').slice(0, 16);
}

/**
 * A `datetime-local` value read in `zone` (the account's), as an ISO instant. Values with an
 * offset keep it; without a zone they are UTC (what the JSON callers send). A wall time skipped by
 * a spring change becomes the moment the clocks jump; a repeated autumn one, its first occurrence.
 */
export function instantOf(value: string, zone?: string): string {
  if (hasOffset.test(value)) return new Date(value).toISOString();
  const local = Date.parse(`${value}Z`);
  if (Number.isNaN(local)) throw new RangeError(`Not a date and time: ${value}`);
  return new Date(zone ? localToUtc(zone, local) : local).toISOString();
}
