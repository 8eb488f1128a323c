/**
 * Lengths of time in milliseconds, for arithmetic on instants. A day here is 24 hours: where a
 * day means a calendar day in a zone (23 or 25 hours when the clocks change), use the zone
 * arithmetic in `availability/zone.ts`.
 */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
