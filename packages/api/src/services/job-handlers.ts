import { DomainError } from '@handled/core/errors';
import { findBooking } from '../repositories/bookings.ts';
import { applyCommand } from './bookings/apply-command.ts';
import { notifyBooking } from './notifications/notify.ts';
import { runContactJob, runDeliverJob } from './notifications/service.ts';
import { sendFallback } from './notifications/delivery-status.ts';
import { enqueue } from './jobs.ts';
import { createInvoiceForBooking } from './payments/create-invoice.ts';
import { sendInvoiceAgain } from './admin/resend.ts';
import { generateReceipt } from './receipts/receipts.ts';
import { processStripeEvent } from './payments/stripe-events.ts';
import { paymentJobHandlers } from './payments/job-handlers.ts';
import { cancelExternal, pushBooking, pushCancellation } from './calendar/push.ts';
import { runScheduledSync } from './calendar/sync.ts';
import { recountReliability } from './reliability.ts';
import { processCalcomWebhook } from './calendar/webhooks.ts';
import { sendMessageDigest } from './messages/digest.ts';
import { sendListingDecision } from './onboarding/vetting.ts';
import { openReviews, remindReviews, revealAtWindowClose } from './reviews/window-jobs.ts';
import { recomputeReputation, sweepReputation } from './reputation/recompute.ts';
import type { ServiceDeps } from './deps.ts';
import type { JobHandlers } from './job-types.ts';

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

/** What each job type does, with its payload parsed by the registry (job-types.ts). */
export const jobHandlers: JobHandlers = {
  // A reminder (24 h and 2 h before by default), only if the booking is still confirmed for the time it was set for;
  // each one schedules the next offset still ahead.
  'booking.reminder': async (deps, p) => {
    const booking = await findBooking(deps.db, p.bookingId);
    if (!booking || booking.status !== 'confirmed' || booking.startsAt.toISOString() !== p.startsAt) return;
    const now = deps.now();
    const hoursLeft = (booking.startsAt.getTime() - now.getTime()) / 3_600_000;
    const offsets = [...(deps.config.reminderHours ?? [24, 2])].sort((a, b) => b - a);
    // The offset this run stands for: the smallest one not yet passed when it runs.
    const offset = p.hoursBefore ?? offsets.filter((h) => h >= hoursLeft - 0.5).at(-1) ?? offsets[0] ?? 24;
    await notifyBooking(deps, {
      bookingId: booking.id,
      to: 'both',
      template: 'booking.reminder',
      eventId: `reminder:${p.startsAt}:${offset}h`,
    });
    const next = offsets.find((h) => h < offset && booking.startsAt.getTime() - h * 3_600_000 > now.getTime());
    if (next !== undefined)
      await enqueue(
        deps.db,
        {
          type: 'booking.reminder',
          payload: { bookingId: booking.id, startsAt: p.startsAt, hoursBefore: next },
          key: `booking.reminder:${booking.id}:${p.startsAt}:${next}h`,
          runAt: new Date(booking.startsAt.getTime() - next * 3_600_000),
        },
        now,
      );
  },
  'notification.deliver': (deps, p) => runDeliverJob(deps, p),
  'notification.contact': (deps, p) => runContactJob(deps, p),
  'notification.fallback': (deps, p) => sendFallback(deps, p.notificationId),
  'provider.reliability': async (deps, p) => {
    await recountReliability(deps, p.bookingId);
    // A cancellation or a no-show lowers the provider's place at once, not at the next sweep.
    const booking = await findBooking(deps.db, p.bookingId);
    if (booking) await recomputeReputation(deps, booking.providerId);
  },
  'reviews.open': (deps, p) => openReviews(deps, p.bookingId),
  'reviews.remind': (deps, p) => remindReviews(deps, p.bookingId),
  'reviews.reveal': (deps, p) => revealAtWindowClose(deps, p.bookingId),
  'provider.reputation': (deps, p) => recomputeReputation(deps, p.providerId),
  'reputation.sweep': (deps, p) => sweepReputation(deps, p.after),
  ...paymentJobHandlers,
  notify: (deps, p) =>
    notifyBooking(deps, {
      bookingId: p.bookingId,
      to: p.to,
      template: p.template,
      ...(p.eventId !== undefined ? { eventId: p.eventId } : {}),
      ...(p.afterQuietHours ? { afterQuietHours: true } : {}),
      ...(p.resendKey !== undefined ? { resendKey: p.resendKey } : {}),
    }),
  'invoice.create': (deps, p) => createInvoiceForBooking(deps, p.bookingId),
  'invoice.resend': (deps, p) => sendInvoiceAgain(deps, p),
  'stripe.event': (deps, p) => processStripeEvent(deps, p.webhookEventId),
  'booking.expire': (deps, p) => systemCommand(deps, p.bookingId, 'expire'),
  'booking.auto_confirm': (deps, p) => systemCommand(deps, p.bookingId, 'confirm_completion'),
  'generate.receipt': (deps, p) => generateReceipt(deps, { bookingId: p.bookingId, eventId: p.eventId }),
  // Cal.com sync (no-ops for providers who keep their calendar in the app).
  'calendar.push': (deps, p) => pushBooking(deps, p.bookingId),
  'calendar.cancel': (deps, p) => pushCancellation(deps, p.bookingId),
  'calendar.cancel_external': (deps, p) => cancelExternal(deps, p.providerId, p.uid),
  'calendar.sync': (deps, p) => runScheduledSync(deps, p.providerId),
  'calendar.webhook': (deps, p) => processCalcomWebhook(deps, p.webhookEventId),
  'message.digest': (deps, p) => sendMessageDigest(deps, { bookingId: p.bookingId, recipientId: p.recipientId }),
  'listing.decision': (deps, p) => sendListingDecision(deps, p),
};
