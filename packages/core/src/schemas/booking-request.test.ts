import { describe, expect, it } from 'vitest';
import { bookingRequestSchema } from './booking-request.ts';

const request = (contactPhone: string, country = 'US') => ({
  providerId: 'p1',
  categoryId: 'c1',
  startsAt: '2030-01-02T15:00:00Z',
  hours: 2,
  details: 'Fix the tap please',
  address: { line1: '1 Main St', city: 'Anytown', postalCode: country === 'GB' ? 'SW1A 1AA' : '10001', country },
  contactPhone,
});

describe('bookingRequestSchema contact phone', () => {
  it('keeps the phone as E.164, reading a national number in the job country', () => {
    expect(bookingRequestSchema.parse(request('(212) 555-0100')).contactPhone).toBe('+12125550100');
    expect(bookingRequestSchema.parse(request('020 7946 0018', 'GB')).contactPhone).toBe('+442079460018');
    expect(bookingRequestSchema.parse(request('+44 20 7946 0018')).contactPhone).toBe('+442079460018');
  });

  it('refuses a number that is not one in the job country', () => {
    const r = bookingRequestSchema.safeParse(request('020 7946 0018', 'US'));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['contactPhone']);
    expect(bookingRequestSchema.safeParse(request('call me')).success).toBe(false);
  });
});
