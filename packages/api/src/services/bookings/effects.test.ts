import { describe, expect, it } from 'vitest';
import type { BookingEffect } from '@handled/core/booking';
import { parseJobPayload } from '../job-types.ts';
import { effectToJob } from './effects.ts';

const booking = { id: 'booking-1', version: 3, startsAt: new Date('2026-03-10T15:00:00Z') };
const at = new Date('2026-03-09T15:00:00Z');

// Every effect of the core, with the job type name already stored in the `job` table for it.
const cases: [BookingEffect, string, string][] = [
  [{ type: 'notify', to: 'client', template: 'booking.accepted' }, 'notify', 'notify:event-1:client:booking.accepted'],
  [{ type: 'create_invoice' }, 'invoice.create', 'invoice.create:booking-1:v3'],
  [{ type: 'void_invoice' }, 'void.invoice', 'void_invoice:event-1'],
  [{ type: 'refund', amount: 1_000, reason: 'cancelled_by_client' }, 'payment.refund', 'refund:event-1'],
  [{ type: 'charge_cancellation_fee', amount: 500 }, 'payment.cancellation_fee', 'cancellation_fee:event-1'],
  [{ type: 'calendar_push' }, 'calendar.push', 'calendar_push:event-1'],
  [{ type: 'calendar_cancel' }, 'calendar.cancel', 'calendar_cancel:event-1'],
  [{ type: 'schedule_expiry', at }, 'booking.expire', 'booking.expire:booking-1:event-1'],
  [{ type: 'schedule_auto_confirm', at }, 'booking.auto_confirm', 'booking.auto_confirm:booking-1'],
  [{ type: 'schedule_reminder', at }, 'booking.reminder', 'booking.reminder:booking-1:2026-03-10T15:00:00.000Z'],
  [{ type: 'schedule_payout' }, 'schedule.payout', 'schedule_payout:event-1'],
  [{ type: 'schedule_fee_payout', reason: 'no_show', fee: 5_000 }, 'schedule.payout', 'schedule_payout:event-1'],
  [{ type: 'schedule_tip_payout' }, 'schedule.payout', 'schedule_payout:event-1'],
  [{ type: 'freeze_payout' }, 'freeze.payout', 'freeze_payout:event-1'],
  [{ type: 'generate_receipt' }, 'generate.receipt', 'generate_receipt:event-1'],
  [{ type: 'mark_provider_reliability', reason: 'provider_cancelled' }, 'provider.reliability', 'reliability:event-1'],
];

describe('effectToJob', () => {
  it.each(cases)('%j -> %s', (effect, type, key) => {
    const job = effectToJob(effect, booking, 'event-1');
    expect(job.type).toBe(type);
    expect(job.key).toBe(key);
    expect(job.payload).toMatchObject({ bookingId: 'booking-1', eventId: 'event-1' });
    // What the job carries is what its handler reads.
    expect(parseJobPayload(job.type, job.payload)).toEqual(job.payload);
    if ('at' in effect) expect(job.runAt).toEqual(effect.at);
  });

  it('carries the amounts and reasons the handlers need', () => {
    expect(effectToJob({ type: 'refund', amount: 1_000, reason: 'expired' }, booking, 'event-1').payload).toEqual({
      bookingId: 'booking-1',
      eventId: 'event-1',
      amount: 1_000,
      reason: 'expired',
    });
    expect(effectToJob({ type: 'schedule_fee_payout', reason: 'late_cancellation', fee: 5_000 }, booking, 'event-1').payload).toEqual({
      bookingId: 'booking-1',
      eventId: 'event-1',
      reason: 'late_cancellation',
    });
    expect(effectToJob({ type: 'schedule_reminder', at }, booking, 'event-1').payload).toEqual({
      bookingId: 'booking-1',
      eventId: 'event-1',
      startsAt: '2026-03-10T15:00:00.000Z',
    });
  });
});
