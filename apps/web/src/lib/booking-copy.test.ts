import { describe, expect, it } from 'vitest';
import { statusCopy, timelineLabel, type BookingForCopy } from './booking-copy.ts';

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
