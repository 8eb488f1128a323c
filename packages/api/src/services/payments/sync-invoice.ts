import { chargePosting, creditAppliedPosting, paymentStatusOf } from '@handled/core/payments';
import { retrieveInvoiceWithPayments } from '@handled/integrations/stripe';
import type { DbOrTx } from '@handled/db';
import { findBooking, setPaymentStatus } from '../../repositories/bookings.ts';
import { instalmentsOfBooking, instalmentsOfInvoice, setIntentInstalment, setInvoiceInstalments } from '../../repositories/instalments.ts';
import { invoiceByStripeId, invoicesOfBooking, updateInvoice } from '../../repositories/invoices.ts';
import { creditPaymentRef, paymentsOfBooking, paymentsOfInvoice, recordPayment } from '../../repositories/payments.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import type { ServiceDeps } from '../deps.ts';
import { postLedger } from './ledger.ts';
import { releasePendingFeePayout } from './payouts.ts';
import { syncTipInvoice } from './tips.ts';

/**
 * Re-reads an invoice and its payments from Stripe (never trusting an event's copy or order),
 * records each new payment once (by PaymentIntent) with its ledger entry, updates the instalments
 * and the payment status, and moves the booking on through the state machine. What the client's
 * credit balance paid (Stripe applies it at finalization: `ending_balance - starting_balance`) is
 * recorded once the invoice is paid, as a payment from `client_credit:<client>`; until then it is
 * not money in (a voided invoice gives it back to the balance).
 * Returns false for an invoice that is not ours.
 */
export async function syncInvoice(deps: ServiceDeps, stripeInvoiceId: string): Promise<boolean> {
  const { db } = deps;
  const state = await retrieveInvoiceWithPayments(deps.stripe, stripeInvoiceId);
  if (!state.bookingId) return false;
  // A tip is paid on an invoice of its own and never counts toward the booking's payment.
  if (state.intent === 'tip') {
    await syncTipInvoice(deps, state);
    return true;
  }
  const now = deps.now();
  await db.transaction(async (tx) => {
    const local = await invoiceByStripeId(tx, stripeInvoiceId);
    // Our invoice whose creation job has not committed yet: the job retries later.
    if (!local) throw new Error(`Invoice ${stripeInvoiceId} is not known yet`);
    const booking = await findBooking(tx, local.bookingId);
    if (!booking) throw new Error(`Booking ${local.bookingId} missing`);

    let newlyPaid = 0;
    const viaIntents = state.payments.filter((p) => p.status === 'paid' && p.paymentIntentId);
    for (const p of viaIntents) {
      const inserted = await recordPayment(tx, {
        invoiceId: local.id,
        bookingId: booking.id,
        stripePaymentIntentId: p.paymentIntentId,
        stripeChargeId: p.chargeId,
        amount: p.amount,
        currency: booking.currency,
        status: 'succeeded',
        paidAt: p.paidAt ?? now,
      });
      if (inserted) {
        newlyPaid += p.amount;
        await postLedger(tx, {
          txId: `charge:${p.paymentIntentId}`,
          bookingId: booking.id,
          currency: booking.currency,
          entry: chargePosting(booking.id, p.amount),
          externalRef: p.chargeId,
          at: now,
        });
      }
      await setIntentInstalment(tx, p.paymentIntentId!, { status: 'paid', paidAt: p.paidAt ?? now }, { unless: 'paid' });
    }
    // Paid outside Stripe (`paid_out_of_band`): no PaymentIntent, one payment row per amount.
    const paidViaIntents = viaIntents.reduce((s, p) => s + p.amount, 0);
    const oobRows = await paymentsOfInvoice(tx, local.id, { outOfBand: true });
    const oobMissing = state.amountPaid - paidViaIntents - oobRows.reduce((s, r) => s + r.amount, 0);
    if (oobMissing > 0) {
      await recordPayment(tx, {
        invoiceId: local.id,
        bookingId: booking.id,
        amount: oobMissing,
        currency: booking.currency,
        status: 'succeeded',
        paidAt: state.paidAt ?? now,
      });
      await postLedger(tx, {
        txId: `charge:oob:${local.id}:${oobRows.length + 1}`,
        bookingId: booking.id,
        currency: booking.currency,
        entry: chargePosting(booking.id, oobMissing),
        externalRef: stripeInvoiceId,
        at: now,
      });
      newlyPaid += oobMissing;
    }

    // Paid from the client's credit balance: counted once the invoice is paid (a credit alone
    // never confirms a booking whose card part is unpaid), one row per invoice.
    const credit = state.status === 'paid' ? state.creditApplied : 0;
    if (credit > 0) {
      const inserted = await recordPayment(tx, {
        invoiceId: local.id,
        bookingId: booking.id,
        stripePaymentIntentId: creditPaymentRef(stripeInvoiceId),
        amount: credit,
        currency: booking.currency,
        status: 'succeeded',
        paidAt: state.paidAt ?? now,
      });
      if (inserted) {
        await postLedger(tx, {
          txId: `credit:applied:${stripeInvoiceId}`,
          bookingId: booking.id,
          currency: booking.currency,
          entry: creditAppliedPosting(booking.id, booking.clientId, credit),
          externalRef: stripeInvoiceId,
          at: now,
        });
        newlyPaid += credit;
      }
    }
    const paidWithCredit = state.amountPaid + credit;

    // Declined attempts and a paid invoice settle the instalments without their own intent.
    for (const p of state.payments.filter((x) => x.status === 'failed' && x.paymentIntentId)) {
      await setIntentInstalment(tx, p.paymentIntentId!, { status: 'failed' }, { onlyFrom: ['open', 'scheduled'] });
    }
    const failedDefault = state.payments.some((x) => x.status === 'failed' && x.instalmentSeq === null);
    if (state.status === 'paid' && paidWithCredit < state.total) {
      // Closed by a credit note for the unpaid rest (a closed booking): what was not paid is void.
      await setInvoiceInstalments(tx, local.id, { status: 'void' }, { except: ['paid', 'refunded'] });
    } else if (state.status === 'paid') {
      await setInvoiceInstalments(tx, local.id, { status: 'paid', paidAt: state.paidAt ?? now }, { except: ['paid'] });
    } else if (state.status === 'void') {
      await setInvoiceInstalments(tx, local.id, { status: 'void' }, { except: ['paid'] });
    } else if (failedDefault) {
      await setInvoiceInstalments(tx, local.id, { status: 'failed' }, { withoutIntent: true, onlyFrom: ['open', 'scheduled'] });
    }

    const instalments = await instalmentsOfInvoice(tx, local.id);
    const refunded = (await paymentsOfInvoice(tx, local.id)).reduce((s, r) => s + r.refunded, 0);
    const invoiceStatus = paymentStatusOf(
      { status: state.status, total: state.total, amountPaid: paidWithCredit, amountRefunded: refunded },
      instalments,
    );
    await updateInvoice(tx, local.id, {
      status: state.status,
      paymentStatus: invoiceStatus,
      number: state.number,
      total: state.total,
      // Card and credit: what was paid toward the invoice.
      amountPaid: paidWithCredit,
      amountRemaining: state.amountRemaining,
      hostedUrl: state.hostedUrl,
      pdfUrl: state.pdfUrl,
      paidAt: state.paidAt,
    });

    const bookingStatus = await bookingPaymentStatus(tx, booking.id);
    await setPaymentStatus(tx, booking.id, bookingStatus);
    // Every payment goes through the state machine: in `accepted` it confirms the booking; on a
    // booking that closed meanwhile it refunds what arrived late.
    if (newlyPaid > 0) {
      const fresh = await findBooking(tx, booking.id);
      if (fresh) await applyCommand(tx, fresh, { type: 'payment_received', fullyPaid: bookingStatus === 'paid' }, { kind: 'system' }, now);
      // A cancellation fee invoice paid (or a late payment) may settle what the provider's fee payout waits for.
      await releasePendingFeePayout(tx, booking.id, now, `paid:${local.id}:${state.amountPaid}`);
    }
  });
  return true;
}

/** The booking's payment status over all its invoices that still count (not void). */
export async function bookingPaymentStatus(tx: DbOrTx, bookingId: string) {
  const all = await invoicesOfBooking(tx, bookingId);
  const live = all.filter((i) => i.status !== 'void');
  const paidRows = await paymentsOfBooking(tx, bookingId);
  const paid = paidRows.reduce((s, p) => s + p.amount, 0);
  const refunded = paidRows.reduce((s, p) => s + p.refunded, 0);
  const instalments = await instalmentsOfBooking(tx, bookingId);
  if (live.length === 0)
    return paid > 0 && refunded >= paid ? ('refunded' as const) : all.length > 0 ? ('void' as const) : ('none' as const);
  return paymentStatusOf(
    {
      status: live.every((i) => i.status === 'paid') ? 'paid' : 'open',
      total: live.reduce((s, i) => s + i.total, 0),
      amountPaid: paid,
      amountRefunded: refunded,
    },
    instalments.filter((i) => live.some((l) => l.id === i.invoiceId)),
  );
}
