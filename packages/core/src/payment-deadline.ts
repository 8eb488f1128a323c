import { localToUtc, toLocalMs } from './availability/zone.ts';
import { DAY_MS, HOUR_MS } from './durations.ts';

export interface PaymentDeadlineOptions {
  /** At most this many days to pay. */
  maxDays: number;
  /** Payment is due this long before the job starts, so the provider knows before setting off. */
  hoursBeforeStart?: number;
  /** But never sooner than this after the invoice is sent. */
  minHours?: number;
}

/** When the client must pay an accepted booking's invoice: before the service, with time to do it. */
export function paymentDueAt(now: Date, startsAt: Date, opts: PaymentDeadlineOptions): Date {
  const byDays = now.getTime() + opts.maxDays * 24 * HOUR_MS;
  const beforeStart = startsAt.getTime() - (opts.hoursBeforeStart ?? 2) * HOUR_MS;
  const earliest = now.getTime() + (opts.minHours ?? 0.5) * HOUR_MS;
  return new Date(Math.max(earliest, Math.min(byDays, beforeStart)));
}

/** The hour of the client's day payments fall due on ("pay by Wed 5 pm"). */
export const defaultDueHour = 17;

/**
 * A due time a person can remember: the latest `hour`:00 in `zone` at or before `t` — "by Wed
 * 5 pm" rather than "3:25 AM", which is where now + 72 h to the minute lands. When that boundary is
 * sooner than `earliest` (too little time to pay), `t` rounded down to the quarter hour, and `t`
 * itself when even that is too soon. Never later than `t`.
 */
export function dueOnBoundary(t: Date, zone: string, opts: { hour?: number; earliest: Date }): Date {
  const hour = opts.hour ?? defaultDueHour;
  const local = toLocalMs(zone, t.getTime());
  let day = Math.floor(local / DAY_MS);
  if (day * DAY_MS + hour * HOUR_MS > local) day -= 1;
  const boundary = localToUtc(zone, day * DAY_MS + hour * HOUR_MS);
  if (boundary <= t.getTime() && boundary >= opts.earliest.getTime()) return new Date(boundary);
  const quarter = Math.floor(t.getTime() / (15 * 60_000)) * 15 * 60_000;
  return new Date(quarter >= opts.earliest.getTime() ? quarter : t.getTime());
}
