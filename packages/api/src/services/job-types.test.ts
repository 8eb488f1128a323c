import { describe, expect, it } from 'vitest';
import { priceBooking } from '@handled/core';
import { isJobType, jobPayloads, parseJobPayload } from './job-types.ts';

describe('the job registry', () => {
  it('knows the stored type names and nothing else', () => {
    expect(isJobType('payment.refund')).toBe(true);
    expect(isJobType('calendar.cancel_external')).toBe(true);
    expect(isJobType('no.such.job')).toBe(false);
    expect(isJobType('toString')).toBe(false);
    expect(Object.keys(jobPayloads).every((t) => /^[a-z]+(\.[a-z_]+)?$/.test(t))).toBe(true);
  });

  it('parses a payload into what the handler reads, dropping what it does not', () => {
    expect(parseJobPayload('payment.refund', { bookingId: 'b1', eventId: 'e1', amount: 1_000, reason: 'expired', extra: 1 })).toEqual({
      bookingId: 'b1',
      eventId: 'e1',
      amount: 1_000,
      reason: 'expired',
    });
    const price = priceBooking({ hourlyRate: 5_000, currency: 'USD', hours: 2, taxBps: 875 });
    const reprice = { bookingId: 'b1', eventId: 'e1', reason: 'change', oldTotal: 1, newTotal: price.total, price } as const;
    expect(parseJobPayload('invoice.reprice', reprice)).toEqual(reprice);
  });

  it.each([
    ['payment.refund', { bookingId: 'b1', eventId: 'e1', amount: '1000', reason: 'expired' }, /amount/],
    ['payment.refund', { bookingId: 'b1', eventId: 'e1', amount: 10.5, reason: 'expired' }, /amount/],
    ['payment.refund', { bookingId: 'b1', eventId: 'e1', amount: -1, reason: 'expired' }, /amount/],
    ['generate.receipt', { bookingId: 'b1' }, /eventId/],
    ['notify', { bookingId: 'b1', to: 'everyone', template: 'booking.accepted' }, /to/],
    ['booking.reminder', { bookingId: 'b1', eventId: 'e1', startsAt: 'tomorrow' }, /startsAt/],
    ['invoice.reprice', { bookingId: 'b1', eventId: 'e1', reason: 'change', oldTotal: 1, newTotal: 2, price: { total: 2 } }, /price/],
    ['stripe.event', null, /bad payload/],
  ] as const)('refuses a bad %s payload, naming the field', (type, payload, field) => {
    expect(() => parseJobPayload(type, payload)).toThrow(new RegExp(`Job ${type.replace('.', '\\.')} has a bad payload`));
    expect(() => parseJobPayload(type, payload)).toThrow(field);
  });
});
