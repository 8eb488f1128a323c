/** A failed Cal.com call, with what a caller needs to decide: retry later, refresh, or give up. */
export class CalcomError extends Error {
  override readonly name = 'CalcomError';
  constructor(
    message: string,
    /** HTTP status; 0 when no response came back (network, timeout, open breaker). */
    readonly status: number,
    /** Cal.com's `error.code` (`BadRequestException`, `ACCESS_TOKEN_IS_EXPIRED`, …) or ours. */
    readonly code: string,
    /** For 429: when the rate-limit window resets. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Worth trying again later (rate limit, Cal.com down, breaker open); 4xx input errors are not. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export const isCalcomError = (e: unknown): e is CalcomError => e instanceof CalcomError;
