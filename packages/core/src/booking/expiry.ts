import { HOUR_MS, MINUTE_MS } from '../durations.ts';

export interface ExpiryOptions {
  /** How long a provider has to answer a request. Default 24 h. */
  ttlHours?: number;
  /** A request must be answered at least this long before the job starts. Default 60 min. */
  marginBeforeStartMinutes?: number;
}

/**
 * When an unanswered request expires: `ttlHours` after it was made, but never later than
 * `marginBeforeStartMinutes` before the start (a provider should not say yes at the door), and
 * never before the request itself — a request made inside the margin expires at once.
 */
export function expiryDeadline(requestedAt: Date, startsAt: Date, options: ExpiryOptions = {}): Date {
  const ttlHours = options.ttlHours ?? 24;
  const marginMinutes = options.marginBeforeStartMinutes ?? 60;
  if (!(ttlHours > 0)) throw new RangeError(`ttlHours must be positive, got ${ttlHours}`);
  if (!(marginMinutes >= 0)) throw new RangeError(`marginBeforeStartMinutes must be >= 0, got ${marginMinutes}`);
  const byTtl = requestedAt.getTime() + ttlHours * HOUR_MS;
  const byStart = startsAt.getTime() - marginMinutes * MINUTE_MS;
  return new Date(Math.max(requestedAt.getTime(), Math.min(byTtl, byStart)));
}
