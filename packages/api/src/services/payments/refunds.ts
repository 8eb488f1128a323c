import { refundEarnedPosting, refundUnearnedPosting, reversalPosting } from '@handled/core/payments';
import type { PriceSnapshot } from '@handled/core';
import {
  creditNoteForRefunds,
  creditNoteOutOfBand,
  refundCharge,
  returnToCustomerBalance,
  reverseTransfer,
} from '@handled/integrations/stripe';
import { findBooking, setPaymentStatus } from '../../repositories/bookings.ts';
import { expensesOfBooking } from '../../repositories/expenses.ts';
import { deleteVoidInstalments, setIntentInstalment } from '../../repositories/instalments.ts';
import { billingCustomerOf, invoiceById, invoicesOfBooking, latestPaidInvoiceOf } from '../../repositories/invoices.ts';
import { ledgerHas } from '../../repositories/ledger.ts';
import {
  isCreditPayment,
  paymentsOfBooking,
  refundByIntent,
  saveRefund,
  updatePayment,
  type PaymentRow,
} from '../../repositories/payments.ts';
import { payoutOfBooking, updatePayout } from '../../repositories/payouts.ts';
import { findCategory, findProvider } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { closeBookingInvoices, closeInvoice, closedBookingStatuses } from './close-invoice.ts';
import { expenseLines, issueInvoice, linesFor } from './create-invoice.ts';
import { postLedger } from './ledger.ts';
import { earnedTxId, releasePendingFeePayout } from './payouts.ts';
import { bookingPaymentStatus } from './sync-invoice.ts';

/**
 * Gives `amount` back to the client, once per `intentKey`. Before the provider was paid the money
 * comes from the platform's balance; after, the provider's share comes back by reversing the
 * transfer (what the connected balance cannot cover is recorded as owed by the provider). Each
 * Stripe refund is recorded on the invoice with a credit note. What the client paid from their
 * credit balance (an operator's credit Stripe took off the invoice) is refunded last and goes back
 * to that balance, never to the card.
 */
export async function refundBooking(
  deps: ServiceDeps,
  p: { bookingId: string; amount: number; reason: string; intentKey: string },
): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const done = await refundByIntent(db, p.intentKey);
  if (done?.status === 'succeeded') return;
  const booking = await findBooking(db, p.bookingId);
  if (!booking || p.amount <= 0) return;
  const paid = await paymentsOfBooking(db, booking.id, ['succeeded', 'partially_refunded']);
  const refundable = paid.reduce((s, x) => s + x.amount - x.refunded, 0);
  const amount = Math.min(p.amount, refundable);
  if (amount <= 0) return;

  // 1. The provider's share, when earnings were already set aside or paid.
  const payout = await payoutOfBooking(db, booking.id);
  const earned = !!payout && (await ledgerHas(db, earnedTxId(payout)));
  let reversed = 0;
  let owed = 0;
  let unpaid = 0;
  if (payout && earned) {
    const collected = paid.reduce((s, x) => s + x.amount - x.refunded, 0);
    const providerShare = Math.min(
      payout.amount - payout.amountReversed - payout.amountOwed,
      Math.round((amount * payout.amount) / Math.max(collected, 1)),
    );
    if (payout.status === 'paid' && payout.stripeTransferId) {
      const r = providerShare > 0 ? await reverseTransfer(deps.stripe, payout.stripeTransferId, providerShare, p.intentKey) : null;
      reversed = r?.amount ?? 0;
      owed = providerShare - reversed;
    } else {
      unpaid = providerShare;
    }
  }

  // 2. Where each part goes: the charges first (newest first), then what the client paid from their
  // credit balance goes back to that balance, and what was paid outside Stripe is given back out of
  // band. The card is never refunded more than it was charged.
  const newestFirst = [...paid].sort((a, b) => b.paidAt.getTime() - a.paidAt.getTime());
  const order = [
    ...newestFirst.filter((x) => x.stripeChargeId && !isCreditPayment(x)),
    ...newestFirst.filter((x) => isCreditPayment(x)),
    ...newestFirst.filter((x) => !x.stripeChargeId && !isCreditPayment(x)),
  ];
  const parts: { pay: PaymentRow; take: number }[] = [];
  let rest = amount;
  for (const pay of order) {
    const take = Math.min(rest, pay.amount - pay.refunded);
    if (take <= 0) continue;
    parts.push({ pay, take });
    rest -= take;
  }
  const made: { refundId: string; chargeId: string; amount: number }[] = [];
  for (const { pay, take } of parts.filter((x) => x.pay.stripeChargeId && !isCreditPayment(x.pay))) {
    const r = await refundCharge(deps.stripe, {
      chargeId: pay.stripeChargeId!,
      amount: take,
      key: p.intentKey,
      bookingId: booking.id,
      reason: p.reason,
    });
    made.push({ refundId: r.refundId, chargeId: pay.stripeChargeId!, amount: r.amount });
  }
  const toCredit = parts.filter((x) => isCreditPayment(x.pay)).reduce((s, x) => s + x.take, 0);
  if (toCredit > 0) {
    const customerId = await billingCustomerOf(db, booking.clientId);
    if (!customerId) throw new Error(`client ${booking.clientId} of booking ${booking.id} has no Stripe customer`);
    await returnToCustomerBalance(deps.stripe, {
      customerId,
      amount: toCredit,
      currency: booking.currency,
      description: `Refund (${booking.reference}) of what was paid from the credit balance: ${p.reason}`,
      refundKey: p.intentKey,
      bookingId: booking.id,
    });
  }
  const outOfBand = parts.filter((x) => !x.pay.stripeChargeId && !isCreditPayment(x.pay)).reduce((s, x) => s + x.take, 0);

  // 3. Credit notes on the invoices the refunded payments paid.
  const creditNoteId = await creditRefunds(deps, {
    bookingId: booking.id,
    paid,
    made,
    outOfBand,
    intentKey: p.intentKey,
    reason: p.reason,
  });

  // 4. Our records, in one transaction.
  const credited = { clientId: booking.clientId, amount: toCredit };
  await db.transaction(async (tx) => {
    for (const { pay, take } of parts) {
      const refundedNow = pay.refunded + take;
      await updatePayment(tx, pay.id, { refunded: refundedNow, status: refundedNow >= pay.amount ? 'refunded' : 'partially_refunded' });
      if (refundedNow >= pay.amount && pay.stripePaymentIntentId && !isCreditPayment(pay))
        await setIntentInstalment(tx, pay.stripePaymentIntentId, { status: 'refunded' });
    }
    const first = made[0];
    await saveRefund(tx, {
      bookingId: booking.id,
      intentKey: p.intentKey,
      stripeRefundId: first?.refundId ?? null,
      stripeChargeId: first?.chargeId ?? null,
      stripeCreditNoteId: creditNoteId,
      amount,
      currency: booking.currency,
      reason: p.reason,
      reversed,
      unrecovered: owed,
      status: 'succeeded',
    });
    if (payout && earned) {
      await postLedger(tx, {
        txId: `refund:${p.intentKey}`,
        bookingId: booking.id,
        currency: booking.currency,
        entry: refundEarnedPosting(payout.providerId, amount, { fromTransfer: reversed + owed, unpaid }, credited),
        externalRef: first?.refundId ?? null,
        at: now,
      });
      if (reversed > 0)
        await postLedger(tx, {
          txId: `reversal:${p.intentKey}`,
          bookingId: booking.id,
          currency: booking.currency,
          entry: reversalPosting(payout.providerId, reversed),
          externalRef: payout.stripeTransferId,
          at: now,
        });
      const reversedTotal = payout.amountReversed + reversed;
      await updatePayout(tx, payout.id, {
        amount: payout.status === 'paid' ? payout.amount : payout.amount - unpaid,
        amountReversed: reversedTotal,
        amountOwed: payout.amountOwed + owed,
        status: payout.status === 'paid' && reversedTotal + payout.amountOwed + owed >= payout.amount ? 'reversed' : payout.status,
      });
    } else {
      await postLedger(tx, {
        txId: `refund:${p.intentKey}`,
        bookingId: booking.id,
        currency: booking.currency,
        entry: refundUnearnedPosting(booking.id, amount, credited),
        externalRef: first?.refundId ?? null,
        at: now,
      });
    }
    await setPaymentStatus(tx, booking.id, await bookingPaymentStatus(tx, booking.id));
    // A cancellation's fee payout waited for this refund to settle what the client keeps paid.
    await releasePendingFeePayout(tx, booking.id, now, `refund:${p.intentKey}`);
  });
}

/**
 * Job `void.invoice`: a cancelled or declined booking's invoice can no longer be paid — voided when
 * nothing was paid, its unpaid rest cancelled by a credit note when part was (see `closeInvoice`).
 */
export async function voidBookingInvoices(deps: ServiceDeps, bookingId: string): Promise<void> {
  await closeBookingInvoices(deps, bookingId);
}

/**
 * Records refunds on the invoices whose payments they gave back, one post-payment credit note per
 * invoice (`refunds[]` links the Stripe refunds). A partly paid invoice of a closed booking is
 * closed first (its unpaid rest cancelled by a pre-payment credit note), so the refund is recorded
 * after payment; on a booking that goes on, Stripe would take a credit note off what is still due
 * rather than record the refund, so there the refund stands without one. Returns the first note.
 */
async function creditRefunds(
  deps: ServiceDeps,
  p: {
    bookingId: string;
    paid: PaymentRow[];
    made: { refundId: string; chargeId: string; amount: number }[];
    outOfBand: number;
    intentKey: string;
    reason: string;
  },
): Promise<string | null> {
  const { db } = deps;
  const booking = await findBooking(db, p.bookingId);
  const closed = !!booking && closedBookingStatuses.includes(booking.status);
  const byInvoice = new Map<string, { refundId: string; amount: number }[]>();
  for (const m of p.made) {
    const invoiceId = p.paid.find((x) => x.stripeChargeId === m.chargeId)?.invoiceId;
    if (invoiceId) byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), { refundId: m.refundId, amount: m.amount }]);
  }
  let first: string | null = null;
  for (const [invoiceId, list] of byInvoice) {
    const inv = await invoiceById(db, invoiceId);
    if (!inv?.stripeInvoiceId) continue;
    if (closed && inv.status === 'open') await closeInvoice(deps, inv);
    if ((await deps.stripe.invoices.retrieve(inv.stripeInvoiceId)).status !== 'paid') continue;
    const key = byInvoice.size === 1 ? p.intentKey : `${p.intentKey}:${invoiceId}`;
    const id = await creditNoteForRefunds(deps.stripe, { invoiceId: inv.stripeInvoiceId, refunds: list, key, memo: `Refund: ${p.reason}` });
    first ??= id;
  }
  if (p.outOfBand > 0) {
    const invoice = await latestPaidInvoiceOf(db, p.bookingId);
    if (invoice?.stripeInvoiceId)
      await creditNoteOutOfBand(deps.stripe, {
        invoiceId: invoice.stripeInvoiceId,
        amount: p.outOfBand,
        key: `${p.intentKey}:oob`,
        memo: `Refund outside Stripe: ${p.reason}`,
      });
  }
  return first;
}

/**
 * Job `payment.cancellation_fee`: the client owes more than they paid (a late cancellation of a
 * pay-later or deposit booking), so a separate invoice asks for the rest.
 */
export async function chargeCancellationFee(deps: ServiceDeps, p: { bookingId: string; amount: number; eventId: string }): Promise<void> {
  const booking = await findBooking(deps.db, p.bookingId);
  if (!booking || p.amount <= 0) return;
  await issueInvoice(deps, booking, {
    version: `fee:${p.eventId}`,
    lines: [{ description: `Cancellation fee for booking ${booking.reference}`, amount: p.amount, taxable: false }],
    taxBps: 0,
    plan: { kind: 'full' },
    description: `Cancellation fee for booking ${booking.reference}`,
  });
}

/**
 * Job `invoice.reprice` (a change or the actual hours): an unpaid invoice is voided and issued
 * again at the new price; on a paid one the difference is invoiced, or refunded.
 */
export async function repriceInvoice(
  deps: ServiceDeps,
  p: { bookingId: string; eventId: string; newTotal: number; price: PriceSnapshot },
): Promise<void> {
  const { db } = deps;
  const booking = await findBooking(db, p.bookingId);
  if (!booking) return;
  const live = await invoicesOfBooking(db, booking.id, { live: true });
  if (live.length === 0) return; // Not invoiced yet: the invoice job reads the new snapshot.
  const [provider, category, expenses] = await Promise.all([
    findProvider(db, booking.providerId),
    findCategory(db, booking.categoryId),
    expensesOfBooking(db, booking.id),
  ]);
  if (!provider || !category) throw new Error('missing provider or category');
  const unpaid = live.filter((i) => i.amountPaid === 0 && i.status === 'open');
  if (unpaid.length === live.length) {
    // Nothing paid yet: the invoice is issued again at the new price.
    if (live.reduce((s, i) => s + i.total, 0) === p.newTotal) return;
    await voidBookingInvoices(deps, booking.id);
    for (const inv of unpaid) await deleteVoidInstalments(db, inv.id);
    await issueInvoice(deps, booking, {
      version: `reprice:${p.eventId}`,
      intent: `reprice:${p.eventId}`,
      lines: linesFor(booking, p.price, category.name, provider.displayName, expenses),
      taxBps: p.price.taxBps,
      plan: { kind: 'full' },
    });
    return;
  }
  // Part is paid: earlier unpaid differences are superseded by this one (a retry finds its own).
  const intent = `reprice:${p.eventId}`;
  for (const inv of unpaid) {
    if (!inv.stripeInvoiceId) continue;
    if ((await deps.stripe.invoices.retrieve(inv.stripeInvoiceId)).metadata?.['intent'] === intent) return;
    await closeInvoice(deps, inv);
  }
  const stillLive = await invoicesOfBooking(db, booking.id, { live: true });
  const difference = p.newTotal - stillLive.reduce((s, i) => s + i.total, 0);
  if (difference === 0) return;
  if (difference > 0) {
    // The materials on lines of their own when the difference covers them; the rest is the change in hours.
    const materials = p.price.expenses ?? 0;
    const lines =
      materials > 0 && difference >= materials
        ? [
            ...expenseLines(expenses),
            ...(difference > materials
              ? [
                  {
                    description: `Booking ${booking.reference}: hours worked beyond the estimate (tax included)`,
                    amount: difference - materials,
                    taxable: false,
                  },
                ]
              : []),
          ]
        : [
            {
              description: `${materials > 0 ? 'Materials and change' : 'Change'} to booking ${booking.reference}: additional amount (tax included)`,
              amount: difference,
              taxable: false,
            },
          ];
    await issueInvoice(deps, booking, {
      version: `reprice:${p.eventId}`,
      intent,
      lines,
      taxBps: 0,
      plan: { kind: 'full' },
      description: `${materials > 0 ? 'Final amount' : 'Additional amount'} for booking ${booking.reference}${materials > 0 ? ': materials and hours' : ' after a change'}`,
    });
  } else {
    await refundBooking(deps, { bookingId: booking.id, amount: -difference, reason: 'repriced', intentKey: `reprice:${p.eventId}` });
  }
}
