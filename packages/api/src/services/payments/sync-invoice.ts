import { and, eq, inArray, isNull, ne, notInArray } from 'drizzle-orm';
import { chargePosting, paymentStatusOf } from '@handled/core/payments';
import { retrieveInvoiceWithPayments } from '@handled/integrations/stripe';
import { bookings, invoices, paymentInstalments, payments } from '@handled/db/schema';
import { findBooking } from '../../repositories/bookings.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import type { ServiceDeps } from '../deps.ts';
import { postLedger } from './ledger.ts';

/**
 * Re-reads an invoice and its payments from Stripe (never trusting an event's copy or order),
 * records each new payment once (by PaymentIntent) with its ledger entry, updates the instalments
 * and the payment status, and moves the booking on through the state machine.
 * Returns false for an invoice that is not ours.
 */
export async function syncInvoice(deps: ServiceDeps, stripeInvoiceId: string): Promise<boolean> {
  const { db } = deps;
  const state = await retrieveInvoiceWithPayments(deps.stripe, stripeInvoiceId);
  if (!state.bookingId) return false;
  const now = deps.now();
  await db.transaction(async (tx) => {
    const [local] = await tx.select().from(invoices).where(eq(invoices.stripeInvoiceId, stripeInvoiceId));
    // Our invoice whose creation job has not committed yet: the job retries later.
    if (!local) throw new Error(`Invoice ${stripeInvoiceId} is not known yet`);
    const booking = await findBooking(tx, local.bookingId);
    if (!booking) throw new Error(`Booking ${local.bookingId} missing`);

    let newlyPaid = 0;
    const viaIntents = state.payments.filter((p) => p.status === 'paid' && p.paymentIntentId);
    for (const p of viaIntents) {
      const inserted = await tx
        .insert(payments)
        .values({
          invoiceId: local.id,
          bookingId: booking.id,
          stripePaymentIntentId: p.paymentIntentId,
          stripeChargeId: p.chargeId,
          amount: p.amount,
          currency: booking.currency,
          status: 'succeeded',
          paidAt: p.paidAt ?? now,
        })
        .onConflictDoNothing()
        .returning({ id: payments.id });
      if (inserted.length > 0) {
        newlyPaid += p.amount;
        await postLedger(tx, { txId: `charge:${p.paymentIntentId}`, bookingId: booking.id, currency: booking.currency, entry: chargePosting(booking.id, p.amount), externalRef: p.chargeId, at: now });
      }
      await tx
        .update(paymentInstalments)
        .set({ status: 'paid', paidAt: p.paidAt ?? now })
        .where(and(eq(paymentInstalments.stripePaymentIntentId, p.paymentIntentId!), ne(paymentInstalments.status, 'paid')));
    }
    // Paid outside Stripe (`paid_out_of_band`): no PaymentIntent, one payment row per amount.
    const paidViaIntents = viaIntents.reduce((s, p) => s + p.amount, 0);
    const oobRows = await tx.select().from(payments).where(and(eq(payments.invoiceId, local.id), isNull(payments.stripePaymentIntentId)));
    const oobMissing = state.amountPaid - paidViaIntents - oobRows.reduce((s, r) => s + r.amount, 0);
    if (oobMissing > 0) {
      await tx.insert(payments).values({ invoiceId: local.id, bookingId: booking.id, amount: oobMissing, currency: booking.currency, status: 'succeeded', paidAt: state.paidAt ?? now });
      await postLedger(tx, { txId: `charge:oob:${local.id}:${oobRows.length + 1}`, bookingId: booking.id, currency: booking.currency, entry: chargePosting(booking.id, oobMissing), externalRef: stripeInvoiceId, at: now });
      newlyPaid += oobMissing;
    }

    // Declined attempts and a paid invoice settle the instalments without their own intent.
    for (const p of state.payments.filter((x) => x.status === 'failed' && x.paymentIntentId)) {
      await tx
        .update(paymentInstalments)
        .set({ status: 'failed' })
        .where(and(eq(paymentInstalments.stripePaymentIntentId, p.paymentIntentId!), inArray(paymentInstalments.status, ['open', 'scheduled'])));
    }
    const failedDefault = state.payments.some((x) => x.status === 'failed' && x.instalmentSeq === null);
    if (state.status === 'paid' && state.amountPaid < state.total) {
      // Closed by a credit note for the unpaid rest (a closed booking): what was not paid is void.
      await tx.update(paymentInstalments).set({ status: 'void' }).where(and(eq(paymentInstalments.invoiceId, local.id), notInArray(paymentInstalments.status, ['paid', 'refunded'])));
    } else if (state.status === 'paid') {
      await tx.update(paymentInstalments).set({ status: 'paid', paidAt: state.paidAt ?? now }).where(and(eq(paymentInstalments.invoiceId, local.id), ne(paymentInstalments.status, 'paid')));
    } else if (state.status === 'void') {
      await tx.update(paymentInstalments).set({ status: 'void' }).where(and(eq(paymentInstalments.invoiceId, local.id), ne(paymentInstalments.status, 'paid')));
    } else if (failedDefault) {
      await tx.update(paymentInstalments).set({ status: 'failed' }).where(and(eq(paymentInstalments.invoiceId, local.id), isNull(paymentInstalments.stripePaymentIntentId), inArray(paymentInstalments.status, ['open', 'scheduled'])));
    }

    const instalments = await tx.select().from(paymentInstalments).where(eq(paymentInstalments.invoiceId, local.id));
    const refunded = (await tx.select().from(payments).where(eq(payments.invoiceId, local.id))).reduce((s, r) => s + r.refunded, 0);
    const invoiceStatus = paymentStatusOf({ status: state.status, total: state.total, amountPaid: state.amountPaid, amountRefunded: refunded }, instalments);
    await tx
      .update(invoices)
      .set({
        status: state.status,
        paymentStatus: invoiceStatus,
        number: state.number,
        total: state.total,
        amountPaid: state.amountPaid,
        amountRemaining: state.amountRemaining,
        hostedUrl: state.hostedUrl,
        pdfUrl: state.pdfUrl,
        paidAt: state.paidAt,
      })
      .where(eq(invoices.id, local.id));

    const bookingStatus = await bookingPaymentStatus(tx, booking.id);
    await tx.update(bookings).set({ paymentStatus: bookingStatus }).where(eq(bookings.id, booking.id));
    // Every payment goes through the state machine: in `accepted` it confirms the booking; on a
    // booking that closed meanwhile it refunds what arrived late.
    if (newlyPaid > 0) {
      const fresh = await findBooking(tx, booking.id);
      if (fresh) await applyCommand(tx, fresh, { type: 'payment_received', fullyPaid: bookingStatus === 'paid' }, { kind: 'system' }, now);
    }
  });
  return true;
}

/** The booking's payment status over all its invoices that still count (not void). */
export async function bookingPaymentStatus(tx: Parameters<Parameters<ServiceDeps['db']['transaction']>[0]>[0], bookingId: string) {
  const all = await tx.select().from(invoices).where(eq(invoices.bookingId, bookingId));
  const live = all.filter((i) => i.status !== 'void');
  const paidRows = await tx.select().from(payments).where(eq(payments.bookingId, bookingId));
  const paid = paidRows.reduce((s, p) => s + p.amount, 0);
  const refunded = paidRows.reduce((s, p) => s + p.refunded, 0);
  const instalments = await tx.select().from(paymentInstalments).where(eq(paymentInstalments.bookingId, bookingId));
  if (live.length === 0) return paid > 0 && refunded >= paid ? ('refunded' as const) : all.length > 0 ? ('void' as const) : ('none' as const);
  return paymentStatusOf(
    { status: live.every((i) => i.status === 'paid') ? 'paid' : 'open', total: live.reduce((s, i) => s + i.total, 0), amountPaid: paid, amountRefunded: refunded },
    instalments.filter((i) => live.some((l) => l.id === i.invoiceId)),
  );
}
