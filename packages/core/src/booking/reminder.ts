import { HOUR_MS } from '../durations.ts';

/**
 * When to remind both sides of a confirmed job: 24 hours before it starts, or — for a job
 * confirmed later than that — 2 hours before, or right away when even that has passed.
 */
export function reminderAt(startsAt: Date, now: Date): Date {
  const dayBefore = startsAt.getTime() - 24 * HOUR_MS;
  if (dayBefore > now.getTime()) return new Date(dayBefore);
  const twoHours = startsAt.getTime() - 2 * HOUR_MS;
  return new Date(Math.max(twoHours, now.getTime()));
}
