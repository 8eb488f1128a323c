import { describe, expect, it } from 'vitest';
import { expiryDeadline } from './expiry.ts';
import { at, HOUR, MINUTE, STARTS_AT } from './test-fixtures.ts';

describe('expiryDeadline', () => {
  it('gives the provider 24 hours by default', () => {
    expect(expiryDeadline(at(-5 * 24 * HOUR), STARTS_AT)).toEqual(at(-4 * 24 * HOUR));
  });

  it('takes the ttl from options', () => {
    expect(expiryDeadline(at(-5 * 24 * HOUR), STARTS_AT, { ttlHours: 6 })).toEqual(at(-5 * 24 * HOUR + 6 * HOUR));
  });

  it('never runs later than the margin before the start', () => {
    expect(expiryDeadline(at(-10 * HOUR), STARTS_AT)).toEqual(at(-60 * MINUTE));
    expect(expiryDeadline(at(-10 * HOUR), STARTS_AT, { marginBeforeStartMinutes: 120 })).toEqual(at(-2 * HOUR));
    // Exactly where the two limits meet.
    expect(expiryDeadline(at(-25 * HOUR), STARTS_AT)).toEqual(at(-HOUR));
  });

  it('expires at once a request made inside the margin', () => {
    expect(expiryDeadline(at(-30 * MINUTE), STARTS_AT)).toEqual(at(-30 * MINUTE));
  });

  it('rejects a ttl that is not positive', () => {
    expect(() => expiryDeadline(at(-HOUR), STARTS_AT, { ttlHours: 0 })).toThrow(RangeError);
    expect(() => expiryDeadline(at(-HOUR), STARTS_AT, { marginBeforeStartMinutes: -1 })).toThrow(RangeError);
  });
});
