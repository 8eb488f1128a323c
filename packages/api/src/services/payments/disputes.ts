import { disputeChargedToProviderPosting, disputePosting, reversalPosting } from '@handled/core/payments';
import type { Currency } from '@handled/core/money';
import { retrieveDispute, stripeErrorCode, type DisputeState } from '@handled/integrations/stripe';
import { saveDispute } from '../../repositories/disputes.ts';
import { ledgerHas } from '../../repositories/ledger.ts';
import { paymentByCharge, paymentsOfBooking } from '../../repositories/payments.ts';
import { payoutById, payoutOfBooking, updatePayout } from '../../repositories/payouts.ts';
import { findProvider } from '../../repositories/providers.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { postLedger } from './ledger.ts';

/**
 * `charge.dispute.created` / `closed`: re-reads the dispute, records it for the admin, freezes the
 * booking's payout while it is open (and releases it when won), and books the withdrawn funds.
 * Lost after the provider was paid, the provider's share comes back from their transfer.
 */
export async function syncDispute(deps: ServiceDeps, disputeId: string): Promise<void> {
  const d = await retrieveDispute(deps.stripe, disputeId);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const payment = await paymentByCharge(tx, d.chargeId);
    const bookingId = payment?.bookingId ?? null;
    const currency = d.currency as Currency;
    await saveDispute(tx, {
      stripeDisputeId: d.disputeId,
      bookingId,
      stripeChargeId: d.chargeId,
      amount: d.amount,
      currency,
      reason: d.reason,
      status: d.status,
      openedAt: now,
      closedAt: d.closed ? now : null,
    });
    // Stripe withdraws the amount when the dispute opens and gives it back if it is won.
    await postLedger(tx, {
      txId: `dispute:${d.disputeId}:withdrawn`,
      bookingId,
      currency,
      entry: disputePosting(d.amount, false),
      externalRef: d.disputeId,
      at: now,
    });
    if (d.status === 'won')
      await postLedger(tx, {
        txId: `dispute:${d.disputeId}:reinstated`,
        bookingId,
        currency,
        entry: disputePosting(d.amount, true),
        externalRef: d.disputeId,
        at: now,
      });
    if (!bookingId) return;
    const payout = await payoutOfBooking(tx, bookingId);
    if (!d.closed) {
      if (!payout) return; // schedulePayout checks for an open dispute before it transfers.
      if (payout.status === 'scheduled' || payout.status === 'pending')
        await updatePayout(tx, payout.id, { status: 'frozen', holdReason: 'card_dispute' });
      else if (payout.status === 'paid') await updatePayout(tx, payout.id, { holdReason: 'card_dispute' });
      return;
    }
    if (payout?.holdReason === 'card_dispute') {
      if (payout.status === 'frozen' && d.status === 'won') {
        await updatePayout(tx, payout.id, { status: 'scheduled', holdReason: null });
        await enqueue(
          tx,
          { type: 'payout.transfer', payload: { bookingId }, key: `payout.transfer:${bookingId}:dispute:${d.disputeId}`, runAt: now },
          now,
        );
      } else if (payout.status === 'paid') {
        await updatePayout(tx, payout.id, { holdReason: d.status === 'won' ? null : 'dispute_lost' });
      } else {
        // Lost: the client's money is gone; the payout stays frozen for an admin to settle.
        await updatePayout(tx, payout.id, { holdReason: 'dispute_lost' });
      }
    }
  });
  if (d.status === 'lost') await chargeLostDisputeToProvider(deps, d);
}

/**
 * A dispute lost after the provider was paid: their share of the disputed amount (in proportion to
 * their earnings) is taken back by reversing their transfer as far as their connected balance
 * allows; the rest is recorded as owed by the provider, as refunds do. Once per dispute: the
 * reversal is found again by its metadata, and the ledger transaction is written once.
 */
async function chargeLostDisputeToProvider(deps: ServiceDeps, d: DisputeState): Promise<void> {
  const { db } = deps;
  const payment = await paymentByCharge(db, d.chargeId);
  if (!payment) return;
  const payout = await payoutOfBooking(db, payment.bookingId);
  if (!payout?.stripeTransferId || (payout.status !== 'paid' && payout.status !== 'reversed')) return;
  const shareTx = `dispute:${d.disputeId}:provider`;
  if (await ledgerHas(db, shareTx)) return;
  const provider = await findProvider(db, payout.providerId);
  if (!provider?.stripeAccountId) return;

  const paid = await paymentsOfBooking(db, payment.bookingId, ['succeeded', 'partially_refunded', 'refunded']);
  const collected = paid.reduce((s, p) => s + p.amount, 0);
  const left = payout.amount - payout.amountReversed - payout.amountOwed;
  const share = Math.max(0, Math.min(left, Math.round((d.amount * payout.amount) / Math.max(collected, 1))));
  if (share === 0) return;
  const reversed = await reverseForDispute(deps, {
    transferId: payout.stripeTransferId,
    account: provider.stripeAccountId,
    disputeId: d.disputeId,
    bookingId: payment.bookingId,
    share,
  });
  const owed = share - reversed;
  const now = deps.now();
  await db.transaction(async (tx) => {
    const currency = payout.currency;
    const fresh = await postLedger(tx, {
      txId: shareTx,
      bookingId: payment.bookingId,
      currency,
      entry: disputeChargedToProviderPosting(payout.providerId, share),
      externalRef: d.disputeId,
      at: now,
    });
    if (!fresh) return;
    if (reversed > 0)
      await postLedger(tx, {
        txId: `reversal:dispute:${d.disputeId}`,
        bookingId: payment.bookingId,
        currency,
        entry: reversalPosting(payout.providerId, reversed),
        externalRef: payout.stripeTransferId,
        at: now,
      });
    const current = await payoutById(tx, payout.id);
    if (!current) return;
    const reversedTotal = current.amountReversed + reversed;
    const owedTotal = current.amountOwed + owed;
    await updatePayout(tx, payout.id, {
      amountReversed: reversedTotal,
      amountOwed: owedTotal,
      holdReason: 'dispute_lost',
      status: reversedTotal + owedTotal >= current.amount ? 'reversed' : current.status,
    });
  });
}

/** Reverses up to `share` of the transfer, limited by the connected account's available balance; returns what came back. */
async function reverseForDispute(
  deps: ServiceDeps,
  p: { transferId: string; account: string; disputeId: string; bookingId: string; share: number },
): Promise<number> {
  const earlier = await deps.stripe.transfers.listReversals(p.transferId, { limit: 100 });
  const mine = earlier.data.find((r) => r.metadata?.['dispute_id'] === p.disputeId);
  if (mine) return mine.amount;
  const [transfer, balance] = await Promise.all([
    deps.stripe.transfers.retrieve(p.transferId),
    deps.stripe.balance.retrieve({}, { stripeAccount: p.account }),
  ]);
  const available = balance.available.find((b) => b.currency === transfer.currency)?.amount ?? 0;
  const amount = Math.min(p.share, transfer.amount - transfer.amount_reversed, Math.max(0, available));
  if (amount <= 0) return 0;
  try {
    const r = await deps.stripe.transfers.createReversal(
      p.transferId,
      { amount, metadata: { dispute_id: p.disputeId, booking_id: p.bookingId } },
      { idempotencyKey: `reversal:dispute:${p.disputeId}:${amount}` },
    );
    return r.amount;
  } catch (e) {
    // The balance moved meanwhile (a payout to the bank): what is not reversed is owed.
    if (stripeErrorCode(e) === 'balance_insufficient') return 0;
    throw e;
  }
}
