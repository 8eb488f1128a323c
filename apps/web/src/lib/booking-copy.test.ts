import { describe, expect, it } from 'vitest';
import { settlementWords, statusCopy, timelineLabel, type BookingForCopy } from './booking-copy.ts';

const zone = 'America/New_York';
const now = new Date('2026-06-08T12:00:00Z'); // Mon
const base: BookingForCopy = {
  status: 'requested',
  paymentStatus: 'none',
  startsAt: '2026-06-11T14:00:00.000Z', // Thu 10 AM EDT
  expiresAt: '2026-06-09T21:00:00.000Z', // Tue 5 PM EDT
  declineReason: null,
  cancellationReason: null,
  cancelledBy: null,
  provider: { displayName: 'Sam Rivera' },
  price: { total: 17250, currency: 'USD' },
  invoice: null,
};

describe('a closed booking says what happened to the money', () => {
  const cancelled = (settlement: BookingForCopy['settlement'], reason: string | null = null): BookingForCopy => ({
    ...base,
    status: 'cancelled',
    cancelledBy: 'client',
    cancellationReason: reason,
    settlement,
  });
  it('nothing paid: no word of a refund', () => {
    const c = statusCopy(cancelled({ fee: 0, refund: 0, providerShare: 0, closedBy: 'client', eventType: 'booking.cancelled' }), zone, now);
    expect(c.body).toBe('Nothing was charged.');
    expect(c.body).not.toMatch(/refund/i);
  });
  it('paid and free: everything back', () => {
    expect(statusCopy(cancelled({ fee: 0, refund: 26292, providerShare: 0, closedBy: 'client', eventType: null }), zone, now).body).toBe(
      'Everything you paid ($262.92) goes back to your card.',
    );
  });
  it('late: the fee, the refund, and what the provider receives', () => {
    const c = statusCopy(
      cancelled({ fee: 5750, refund: 7396, providerShare: 5175, closedBy: 'client', eventType: 'booking.cancelled' }, 'Sick'),
      zone,
      now,
    );
    expect(c.title).toBe('You cancelled this booking');
    expect(c.body).toBe('“Sick” The late-cancellation fee is $57.50; $73.96 goes back to your card. Sam receives $51.75 of it.');
  });
  it('a no-show either way', () => {
    const noShow = (eventType: string, fee: number, refund: number): BookingForCopy => ({
      ...base,
      status: 'no_show',
      settlement: { fee, refund, providerShare: fee ? 5175 : 0, closedBy: null, eventType },
    });
    expect(statusCopy(noShow('booking.provider_no_show', 0, 26292), zone, now)).toMatchObject({
      title: "You reported that Sam didn't come",
      body: 'Everything you paid ($262.92) goes back to your card.',
    });
    expect(statusCopy(noShow('booking.client_no_show', 5750, 7396), zone, now).title).toBe('Sam reported that nobody was there');
    expect(settlementWords({ settlement: null, price: base.price, provider: base.provider })).toBe('Nothing was charged.');
  });
});

describe('statusCopy', () => {
  it('says who we wait for and until when', () => {
    const c = statusCopy(base, zone, now);
    expect(c.title).toBe('Waiting for Sam to accept');
    expect(c.body).toBe('Sam has until Tue 5 PM EDT to answer. Nothing is charged until they accept.');
    expect(c.needsPayment).toBe(false);
  });

  it('asks for payment with the deadline once accepted with an open invoice', () => {
    const c = statusCopy(
      {
        ...base,
        status: 'accepted',
        invoice: {
          status: 'open',
          amountRemaining: 17250,
          amountPaid: 0,
          total: 17250,
          currency: 'USD',
          dueAt: '2026-06-10T21:00:00.000Z',
        },
      },
      zone,
      now,
    );
    expect(c.title).toBe('Sam accepted — pay by Wed 5 PM EDT to keep your slot');
    expect(c.body).toBe('$172.50 is due for Thu, Jun 11 at 10:00 AM EDT.');
    expect(c.needsPayment).toBe(true);
  });

  it('confirms a paid booking with the amount and the time in the viewer zone', () => {
    const c = statusCopy(
      {
        ...base,
        status: 'confirmed',
        paymentStatus: 'paid',
        invoice: { status: 'paid', amountRemaining: 0, amountPaid: 17250, total: 17250, currency: 'USD', dueAt: null },
      },
      'Europe/London',
      now,
    );
    expect(c.title).toBe("You're booked — Sam will see you Thu, Jun 11 at 3:00 PM GMT+1");
    expect(c.body).toContain('Paid $172.50');
    expect(c.needsPayment).toBe(false);
  });

  it('quotes a decline reason and says nothing was charged', () => {
    const c = statusCopy({ ...base, status: 'declined', declineReason: 'Fully booked that day' }, zone, now);
    expect(c.title).toBe("Sam can't take this booking");
    expect(c.body).toMatch(/^“Fully booked that day” Nothing was charged/);
  });
});

describe('timelineLabel', () => {
  it('names the people, not the event codes', () => {
    expect(timelineLabel({ type: 'booking.accepted', to: 'accepted', actor: 'provider' }, 'Sam Rivera')).toBe('Sam accepted');
    expect(timelineLabel({ type: 'booking.cancelled', to: 'cancelled', actor: 'client' }, 'Sam Rivera')).toBe('Cancelled by you');
    expect(timelineLabel({ type: 'booking.reminder_sent', to: 'confirmed', actor: 'system' }, 'Sam')).toBe('Reminder sent');
  });
});
