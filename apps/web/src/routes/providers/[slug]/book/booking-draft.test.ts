import { describe, expect, it } from 'vitest';
import { bookingFields, type BookingFormValues } from '../../../../lib/server/booking-form.ts';
import { decodeDraft, encodeDraft } from './booking-draft.server.ts';

const values = (over: Partial<BookingFormValues> = {}): BookingFormValues => ({
  ...(Object.fromEntries(bookingFields.map((f) => [f, ''])) as BookingFormValues),
  providerId: 'sam-okafor',
  startsAt: '2026-12-01T15:00:00.000Z',
  hours: '2',
  details: 'Kitchen tap drips — “single-lever” mixer, ünïcode too',
  line1: '300 Atlantic Ave',
  postalCode: '11217',
  country: 'US',
  contactPhone: '+1 212 555 0188',
  ...over,
});

describe('the signed-out booking draft', () => {
  it('comes back exactly as typed', () => {
    const v = values();
    expect(decodeDraft(encodeDraft(v)!)).toEqual(v);
  });

  it('fits a cookie even with the longest details, and refuses what would not', () => {
    const long = values({
      details: 'The bathroom extractor fan rattles and the light flickers. '.repeat(34).slice(0, 2000),
      specialRequirements: 'Dog. '.repeat(200),
    });
    const packed = encodeDraft(long)!;
    expect(packed.length).toBeLessThanOrEqual(3800);
    expect(decodeDraft(packed)).toEqual(long);
    // Random text does not compress: past the limit nothing is kept rather than a broken cookie.
    const noise = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
    expect(encodeDraft(values({ details: noise }))).toBeNull();
  });

  it('ignores a tampered or foreign cookie', () => {
    expect(decodeDraft(undefined)).toBeNull();
    expect(decodeDraft('not-a-draft')).toBeNull();
    expect(decodeDraft(Buffer.from('{"details":1}').toString('base64url'))).toBeNull();
  });
});
