import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { retrieveInvoice } from '@handled/integrations/stripe/invoices';
import { verifyStripeEvent } from '@handled/integrations/stripe/webhooks';
import { bookings, invoices, payments, webhookEvents } from '@handled/db/schema';
import { DomainError } from '@handled/core/errors';
import { findBooking } from '../../repositories/bookings.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The webhook endpoint: verify the signature, store the event once by its id, and leave the work
 * to a job written in the same transaction. Replays of the same event are acknowledged and ignored.
 */
export async function ingestStripeWebhook(deps: ServiceDeps, rawBody: string, signature: string, secret: string) {
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(deps.stripe, rawBody, signature, secret);
  } catch {
    throw new DomainError('INVALID_INPUT', 'Invalid Stripe signature');
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ source: 'stripe', eventId: event.id, type: event.type, payload: event as unknown as Record<string, unknown> })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    const row = inserted[0];
    if (row) await enqueue(tx, { type: 'stripe.event', payload: { webhookEventId: row.id }, key: `stripe.event:${event.id}` }, now);
    return { duplicate: !row, type: event.type };
  });
}

function paymentStatusOf(inv: { status: string; amountPaid: number; amountRemaining: number }) {
  if (inv.status === 'void') return 'void' as const;
  if (inv.status === 'paid' || (inv.amountRemaining === 0 && inv.amountPaid > 0)) return 'paid' as const;
  if (inv.amountPaid > 0) return 'partially_paid' as const;
  return 'open' as const;
}

/**
 * Job `stripe.event`: re-reads the invoice from Stripe rather than trusting the event's copy or
 * its order, records what changed, and moves the booking on when payment arrives.
 */
export async function processStripeEvent(deps: ServiceDeps, webhookEventId: string): Promise<void> {
  const { db } = deps;
  const [stored] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, webhookEventId));
  if (!stored || stored.status === 'processed') return;
  const object = (stored.payload['data'] as { object?: { object?: string; id?: string } } | undefined)?.object;
  const invoiceId = object?.object === 'invoice' ? object.id : undefined;
  const now = deps.now();
  if (!invoiceId) {
    await db.update(webhookEvents).set({ status: 'ignored', processedAt: now }).where(eq(webhookEvents.id, webhookEventId));
    return;
  }
  const state = await retrieveInvoice(deps.stripe, invoiceId);
  await db.transaction(async (tx) => {
    const [local] = await tx.select().from(invoices).where(eq(invoices.stripeInvoiceId, invoiceId));
    if (!local) {
      // An invoice we did not make (or whose creation job has not committed yet): retry later.
      throw new Error(`Invoice ${invoiceId} is not known yet`);
    }
    const paymentStatus = paymentStatusOf(state);
    await tx
      .update(invoices)
      .set({
        status: state.status,
        paymentStatus,
        number: state.number,
        total: state.total,
        amountPaid: state.amountPaid,
        amountRemaining: state.amountRemaining,
        hostedUrl: state.hostedUrl,
        pdfUrl: state.pdfUrl,
        paidAt: state.paidAt,
      })
      .where(eq(invoices.id, local.id));
    const booking = await findBooking(tx, local.bookingId);
    if (!booking) throw new Error(`Booking ${local.bookingId} missing`);
    const newlyPaid = state.amountPaid - local.amountPaid;
    if (newlyPaid > 0) {
      await tx.insert(payments).values({
        invoiceId: local.id,
        bookingId: booking.id,
        amount: newlyPaid,
        currency: booking.currency,
        status: 'succeeded',
        paidAt: state.paidAt ?? now,
      });
    }
    await tx.update(bookings).set({ paymentStatus }).where(eq(bookings.id, booking.id));
    // Every payment goes through the state machine: in `accepted` it confirms the booking; on a
    // booking that closed meanwhile it refunds what arrived late.
    if (newlyPaid > 0) {
      await applyCommand(tx, { ...booking, paymentStatus }, { type: 'payment_received', fullyPaid: paymentStatus === 'paid' }, { kind: 'system' }, now);
    }
    await tx.update(webhookEvents).set({ status: 'processed', processedAt: now }).where(eq(webhookEvents.id, webhookEventId));
  });
}
