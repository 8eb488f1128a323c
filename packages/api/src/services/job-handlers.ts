import { DomainError } from '@handled/core/errors';
import { findBooking } from '../repositories/bookings.ts';
import { applyCommand } from './bookings/apply-command.ts';
import { notifyBooking } from './notifications/notify.ts';
import { createInvoiceForBooking } from './payments/create-invoice.ts';
import { generateReceipt } from './receipts/receipts.ts';
import { processStripeEvent } from './payments/stripe-events.ts';
import { paymentJobHandlers } from './payments/job-handlers.ts';
import { cancelExternal, pushBooking, pushCancellation } from './calendar/push.ts';
import { runScheduledSync } from './calendar/sync.ts';
import { recountReliability } from './reliability.ts';
import { processCalcomWebhook } from './calendar/webhooks.ts';
import { sendMessageDigest } from './messages/digest.ts';
import type { ServiceDeps } from './deps.ts';

export type JobHandler = (deps: ServiceDeps, payload: Record<string, unknown>) => Promise<void>;

function str(payload: Record<string, unknown>, key: string): string {
  const v = payload[key];
  if (typeof v !== 'string') throw new Error(`Job payload is missing ${key}`);
  return v;
}

/** Runs a system command on a booking; a booking that already moved on is left as it is. */
async function systemCommand(deps: ServiceDeps, bookingId: string, type: 'expire' | 'confirm_completion') {
  await deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, bookingId);
    if (!booking) return;
    try {
      await applyCommand(tx, booking, { type }, { kind: 'system' }, deps.now());
    } catch (e) {
      if (e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION') return;
      throw e;
    }
  });
}

export const jobHandlers: Record<string, JobHandler> = {
  // The day-before reminder, only if the booking is still confirmed for the time it was set for.
  'booking.reminder': async (deps, p) => {
    const booking = await findBooking(deps.db, str(p, 'bookingId'));
    if (!booking || booking.status !== 'confirmed' || booking.startsAt.toISOString() !== str(p, 'startsAt')) return;
    await notifyBooking(deps, { bookingId: booking.id, to: 'both', template: 'booking.reminder', eventId: `reminder:${str(p, 'startsAt')}` });
  },
  'provider.reliability': (deps, p) => recountReliability(deps, str(p, 'bookingId')),
  ...paymentJobHandlers,
  'notify': (deps, p) =>
    notifyBooking(deps, {
      bookingId: str(p, 'bookingId'),
      to: str(p, 'to') as 'client' | 'provider' | 'both',
      template: str(p, 'template'),
      ...(typeof p['eventId'] === 'string' ? { eventId: p['eventId'] } : {}),
    }),
  'invoice.create': (deps, p) => createInvoiceForBooking(deps, str(p, 'bookingId')),
  'stripe.event': (deps, p) => processStripeEvent(deps, str(p, 'webhookEventId')),
  'booking.expire': (deps, p) => systemCommand(deps, str(p, 'bookingId'), 'expire'),
  'booking.auto_confirm': (deps, p) => systemCommand(deps, str(p, 'bookingId'), 'confirm_completion'),
  'generate.receipt': (deps, p) => generateReceipt(deps, { bookingId: str(p, 'bookingId'), eventId: str(p, 'eventId') }),
  // Cal.com sync (no-ops for providers who keep their calendar in the app).
  'calendar.push': (deps, p) => pushBooking(deps, str(p, 'bookingId')),
  'calendar.cancel': (deps, p) => pushCancellation(deps, str(p, 'bookingId')),
  'calendar.cancel_external': (deps, p) => cancelExternal(deps, str(p, 'providerId'), str(p, 'uid')),
  'calendar.sync': (deps, p) => runScheduledSync(deps, str(p, 'providerId')),
  'calendar.webhook': (deps, p) => processCalcomWebhook(deps, str(p, 'webhookEventId')),
  'message.digest': (deps, p) => sendMessageDigest(deps, { bookingId: str(p, 'bookingId'), recipientId: str(p, 'recipientId') }),
};
