import { isHttpError, isRedirect } from '@sveltejs/kit';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { rethrowForPage } from './errors.ts';

const event = { url: new URL('http://shop.test/bookings/abc?tab=pay') };
const apiError = (code: string, httpStatus: number, message: string) =>
  TRPCClientError.from({ error: { code: -32000, message, data: { code, httpStatus, domainCode: null } } });

function thrown(e: unknown): unknown {
  try {
    rethrowForPage(e, event);
  } catch (out) {
    return out;
  }
  throw new Error('rethrowForPage returned');
}

describe('rethrowForPage', () => {
  it("answers with the API's own status and message", () => {
    for (const [code, status] of [
      ['NOT_FOUND', 404],
      ['TOO_MANY_REQUESTS', 429],
      ['PRECONDITION_FAILED', 412],
      ['SERVICE_UNAVAILABLE', 503],
    ] as const) {
      const out = thrown(apiError(code, status, 'In words'));
      expect(isHttpError(out) && out.status, code).toBe(status);
      expect(isHttpError(out) && out.body.message).toBe('In words');
    }
  });

  it('sends a signed-out visitor to sign in, and back here after', () => {
    const out = thrown(apiError('UNAUTHORIZED', 401, 'Please sign in'));
    expect(isRedirect(out) && out.location).toBe('/signin?next=%2Fbookings%2Fabc%3Ftab%3Dpay');
  });

  it('says 503 when the API cannot be reached, and hides what a 500 was about', () => {
    const down = thrown(new TypeError('fetch failed'));
    expect(isHttpError(down) && down.status).toBe(503);
    const bug = thrown(apiError('INTERNAL_SERVER_ERROR', 500, 'db file path leaked'));
    expect(isHttpError(bug) && [bug.status, bug.body.message]).toEqual([500, 'Something went wrong on our side. Please try again.']);
  });
});
