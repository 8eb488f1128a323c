import {
  ConsecutiveBreaker,
  DelegateBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { CalcomError } from './errors.ts';

export interface ResilienceOptions {
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  /** Base of the exponential backoff for 5xx and network errors. */
  baseDelayMs?: number;
  /** A 429 whose window resets later than this is not waited for: the call fails and a job retries it. */
  maxWaitMs?: number;
}

export interface BreakerOptions {
  /** Consecutive failed calls (5xx, timeouts, network) that open the breaker. */
  threshold?: number;
  /** How long the breaker stays open before one trial call. */
  halfOpenAfterMs?: number;
}

/** Only outages count against the breaker: a 400 for bad input says nothing about Cal.com's health. */
export const isOutage = (e: Error) => e instanceof CalcomError && (e.status === 0 || e.status >= 500);

/** One breaker per Cal.com account (its token), shared by every call made for it in this process. */
export function createBreaker(opts: BreakerOptions = {}): CircuitBreakerPolicy {
  return circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: opts.halfOpenAfterMs ?? 30_000,
    breaker: new ConsecutiveBreaker(opts.threshold ?? 5),
  });
}

/**
 * Retries 429 after the window the server names (X-RateLimit-Reset-Default / Retry-After) and
 * 5xx/network errors with exponential backoff and jitter.
 */
export function createRetry(opts: ResilienceOptions = {}): RetryPolicy {
  const base = opts.baseDelayMs ?? 250;
  const maxWait = opts.maxWaitMs ?? 5_000;
  const retriable = (e: Error) =>
    e instanceof CalcomError &&
    (e.status === 0 || e.status >= 500 || (e.status === 429 && (e.retryAfterMs ?? 0) <= maxWait)) &&
    e.code !== 'CIRCUIT_OPEN';
  return retry(handleWhen(retriable), {
    maxAttempts: (opts.maxAttempts ?? 3) - 1,
    backoff: new DelegateBackoff((ctx) => {
      const err = 'error' in ctx.result ? ctx.result.error : undefined;
      if (err instanceof CalcomError && err.status === 429) return Math.max(err.retryAfterMs ?? base, 50);
      return Math.round(base * 2 ** (ctx.attempt - 1) * (0.75 + Math.random() * 0.5));
    }),
  });
}
