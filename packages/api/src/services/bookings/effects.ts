import type { BookingEffect } from '@handled/core/booking';
import type { DbOrTx } from '@handled/db';
import { enqueue, type JobSpec } from '../jobs.ts';
import type { BookingRow } from '../../repositories/bookings.ts';

/**
 * Turns what a transition causes into jobs written in the same transaction (the outbox).
 * Keys name the booking and the event that caused them, so replays never double an effect.
 * The switch is exhaustive over the core's effects: a new effect does not compile until it has a job.
 */
export function effectToJob(effect: BookingEffect, booking: Pick<BookingRow, 'id' | 'version' | 'startsAt'>, eventId: string): JobSpec {
  const base = { bookingId: booking.id, eventId };
  switch (effect.type) {
    case 'notify':
      return {
        type: 'notify',
        payload: { ...base, to: effect.to, template: effect.template },
        key: `notify:${eventId}:${effect.to}:${effect.template}`,
      };
    case 'create_invoice':
      return { type: 'invoice.create', payload: base, key: `invoice.create:${booking.id}:v${booking.version}` };
    case 'void_invoice':
      return { type: 'void.invoice', payload: base, key: `void_invoice:${eventId}` };
    case 'schedule_expiry':
      return { type: 'booking.expire', payload: base, key: `booking.expire:${booking.id}:${eventId}`, runAt: effect.at };
    case 'schedule_reminder':
      // Keyed by the start it reminds of: a moved booking gets a new reminder, the old one finds nothing to do.
      return {
        type: 'booking.reminder',
        payload: { ...base, startsAt: booking.startsAt.toISOString() },
        key: `booking.reminder:${booking.id}:${booking.startsAt.toISOString()}`,
        runAt: effect.at,
      };
    case 'schedule_auto_confirm':
      return { type: 'booking.auto_confirm', payload: base, key: `booking.auto_confirm:${booking.id}`, runAt: effect.at };
    case 'refund':
      return { type: 'payment.refund', payload: { ...base, amount: effect.amount, reason: effect.reason }, key: `refund:${eventId}` };
    case 'charge_cancellation_fee':
      return { type: 'payment.cancellation_fee', payload: { ...base, amount: effect.amount }, key: `cancellation_fee:${eventId}` };
    case 'mark_provider_reliability':
      return { type: 'provider.reliability', payload: { ...base, reason: effect.reason }, key: `reliability:${eventId}` };
    case 'calendar_push':
      return { type: 'calendar.push', payload: base, key: `calendar_push:${eventId}` };
    case 'calendar_cancel':
      return { type: 'calendar.cancel', payload: base, key: `calendar_cancel:${eventId}` };
    case 'schedule_payout':
      return { type: 'schedule.payout', payload: base, key: `schedule_payout:${eventId}` };
    // A fee or a tip goes to the provider by the same path as a job's earnings.
    case 'schedule_fee_payout':
      return { type: 'schedule.payout', payload: { ...base, reason: effect.reason }, key: `schedule_payout:${eventId}` };
    case 'schedule_tip_payout':
      return { type: 'schedule.payout', payload: { ...base, reason: 'tip' }, key: `schedule_payout:${eventId}` };
    case 'freeze_payout':
      return { type: 'freeze.payout', payload: base, key: `freeze_payout:${eventId}` };
    case 'open_reviews':
      return { type: 'reviews.open', payload: base, key: `reviews.open:${booking.id}` };
    case 'generate_receipt':
      return { type: 'generate.receipt', payload: base, key: `generate_receipt:${eventId}` };
    default: {
      const unknown: never = effect;
      throw new Error(`No job for effect ${JSON.stringify(unknown)}`);
    }
  }
}

export async function enqueueEffects(tx: DbOrTx, effects: BookingEffect[], booking: BookingRow, eventId: string, now: Date) {
  for (const effect of effects) await enqueue(tx, effectToJob(effect, booking, eventId), now);
}
