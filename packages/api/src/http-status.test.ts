import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { domainErrorCodes, type DomainErrorCode } from '@handled/core/errors';
import { domainErrorStatus } from './http-status.ts';

describe('domain error → HTTP status', () => {
  it('answers each refusal as tRPC does, with a 4xx or 503 — never a 500', () => {
    expect(domainErrorStatus).toMatchObject({
      NOT_FOUND: 404,
      NOT_OWNER: 403,
      FORBIDDEN: 403,
      UNAUTHENTICATED: 401,
      SLOT_TAKEN: 409,
      SLOT_UNAVAILABLE: 400,
      ILLEGAL_TRANSITION: 409,
      STALE_VERSION: 409,
      INVALID_INPUT: 400,
      OUT_OF_AREA: 400,
      PAYMENT_REQUIRED: 412,
      INTEGRATION_UNAVAILABLE: 503,
      RATE_LIMITED: 429,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
    });
    for (const code of Object.keys(domainErrorCodes) as DomainErrorCode[]) {
      expect(domainErrorStatus[code], code).toBe(getHTTPStatusCodeFromError(new TRPCError({ code: domainErrorCodes[code] })));
      expect(domainErrorStatus[code] === 503 || (domainErrorStatus[code] >= 400 && domainErrorStatus[code] < 500), code).toBe(true);
    }
  });
});
