import { z } from 'zod';
import { priceSnapshotSchema } from '@handled/core';
import type { ServiceDeps } from './deps.ts';
import { contactEventSchema, notificationEventSchema } from './notifications/events.ts';

const id = z.string().min(1);
const minorUnits = z.int().nonnegative();

/** A job about a booking; `eventId` names the transition that caused it, when one did. */
const aboutBooking = z.object({ bookingId: id, eventId: id.optional() });
/** A job whose handler keys its own writes (a refund, a receipt, an invoice) by the event that caused it. */
const causedByEvent = z.object({ bookingId: id, eventId: id });

/**
 * Every job the outbox carries, by its stored type name, with the payload it carries. `enqueue`
 * checks a payload against its schema before writing it; the worker parses it again before it
 * hands it to the job's handler, so a row written by an older version with another shape fails
 * that job (its last error says why) instead of reaching a handler. The names are stored in the
 * `job` table: renaming one strands the rows already written.
 */
export const jobPayloads = {
  // The machine's effects (see bookings/effects.ts).
  notify: aboutBooking.extend({
    to: z.enum(['client', 'provider', 'both']),
    template: id,
    /** Set on the run put back to the end of a recipient's quiet hours, so it is not held again. */
    afterQuietHours: z.boolean().optional(),
    /** An operator's resend (issue 18): the audit entry's id, a new key so every channel sends it again. */
    resendKey: id.optional(),
  }),
  'invoice.create': aboutBooking,
  'void.invoice': aboutBooking,
  'booking.expire': aboutBooking,
  'booking.reminder': aboutBooking.extend({ startsAt: z.iso.datetime(), hoursBefore: z.number().positive().optional() }),
  'booking.auto_confirm': aboutBooking,
  'payment.refund': causedByEvent.extend({ amount: minorUnits, reason: id }),
  'payment.cancellation_fee': causedByEvent.extend({ amount: minorUnits }),
  /** An operator's goodwill credit on the client's Stripe customer balance, keyed by the audit entry (services/admin/credits.ts). */
  'payment.credit': z.object({
    bookingId: id,
    clientId: id,
    customerId: id,
    amount: z.int().positive(),
    currency: z.string().length(3),
    auditId: id,
    reason: id,
  }),
  'provider.reliability': aboutBooking.extend({ reason: id }),
  'calendar.push': aboutBooking,
  'calendar.cancel': aboutBooking,
  /** The provider's earnings: the job's, a fee's (late cancellation, client no-show) or a tip. */
  'schedule.payout': aboutBooking.extend({ reason: z.enum(['job', 'late_cancellation', 'no_show', 'tip']).optional() }),
  'freeze.payout': aboutBooking,
  'generate.receipt': causedByEvent,
  // Payments.
  'payout.transfer': z.object({ bookingId: id, kind: z.enum(['earnings', 'tip']).optional() }),
  'instalment.check': z.object({ instalmentId: id, bookingId: id }),
  'invoice.reprice': causedByEvent.extend({
    reason: z.enum(['actual_hours', 'change', 'expenses']),
    oldTotal: minorUnits,
    newTotal: minorUnits,
    oldQuarterHours: z.int().positive().optional(),
    newQuarterHours: z.int().positive().optional(),
    price: priceSnapshotSchema,
  }),
  'stripe.event': z.object({ webhookEventId: id }),
  /** An operator's resend of an open invoice (Stripe's sendInvoice), keyed by the audit entry. */
  'invoice.resend': z.object({ bookingId: id, stripeInvoiceId: id, auditId: id }),
  // Cal.com.
  'calendar.cancel_external': z.object({ providerId: id, uid: id }),
  'calendar.sync': z.object({ providerId: id }),
  'calendar.webhook': z.object({ webhookEventId: id }),
  // Messages.
  'message.digest': z.object({ bookingId: id, recipientId: id }),
  // Reviews and reputation (services/reviews, services/reputation).
  'reviews.open': aboutBooking,
  'reviews.remind': aboutBooking,
  'reviews.reveal': aboutBooking,
  'provider.reputation': z.object({ providerId: id }),
  /** Every provider after `after` (id order), a batch per job. */
  'reputation.sweep': z.object({ after: z.string() }),
  // Notifications (services/notifications/service.ts): one event to one person; one channel to a contact.
  'notification.deliver': notificationEventSchema.extend({ afterQuietHours: z.boolean().optional() }),
  'notification.contact': contactEventSchema.extend({ channel: z.enum(['sms', 'email']) }),
  'notification.fallback': z.object({ notificationId: id }),
  // Listings: an operator's decision, told to the provider.
  'listing.decision': z.object({ providerId: id, reviewId: id }),
} as const;

export type JobType = keyof typeof jobPayloads;
export type JobPayload<T extends JobType> = z.output<(typeof jobPayloads)[T]>;

/** The registry seen per type, so indexing it with a generic type keeps the payload's type. */
const schemas: { [T in JobType]: z.ZodType<JobPayload<T>> } = jobPayloads;

export type JobHandler<T extends JobType> = (deps: ServiceDeps, payload: JobPayload<T>) => Promise<void>;
/** One handler per job type: a type without one does not compile. */
export type JobHandlers = { [T in JobType]: JobHandler<T> };

export function isJobType(type: string): type is JobType {
  return Object.hasOwn(jobPayloads, type);
}

/** The payload of a `type` job, or an error that says which field is wrong. */
export function parseJobPayload<T extends JobType>(type: T, payload: unknown): JobPayload<T> {
  const parsed = schemas[type].safeParse(payload);
  if (!parsed.success) throw new Error(`Job ${type} has a bad payload: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
