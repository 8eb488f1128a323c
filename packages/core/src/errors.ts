/**
 * Coded domain errors. Core and services throw these; one tRPC middleware maps each code to a
 * tRPC error code, so a person always sees the message and never a 500.
 */
export const domainErrorCodes = {
  NOT_FOUND: 'NOT_FOUND',
  NOT_OWNER: 'FORBIDDEN',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  SLOT_TAKEN: 'CONFLICT',
  SLOT_UNAVAILABLE: 'BAD_REQUEST',
  ILLEGAL_TRANSITION: 'CONFLICT',
  STALE_VERSION: 'CONFLICT',
  INVALID_INPUT: 'BAD_REQUEST',
  OUT_OF_AREA: 'BAD_REQUEST',
  PAYMENT_REQUIRED: 'PRECONDITION_FAILED',
  INTEGRATION_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

export type DomainErrorCode = keyof typeof domainErrorCodes;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
