import { HOUR_MS } from './durations.ts';

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
