import { eq } from 'drizzle-orm';
import { disputePosting } from '@handled/core/payments/ledger';
import type { Currency } from '@handled/core/money';
import { retrieveDispute } from '@handled/integrations/stripe/money-movements';
import { disputes, payments, payouts } from '@handled/db/schema';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { postLedger } from './ledger.ts';

/**
 * `charge.dispute.created` / `closed`: re-reads the dispute, records it for the admin, freezes the
 * booking's payout while it is open (and releases it when won), and books the withdrawn funds.
 */
export async function syncDispute(deps: ServiceDeps, disputeId: string): Promise<void> {
  const d = await retrieveDispute(deps.stripe, disputeId);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.stripeChargeId, d.chargeId));
    const bookingId = payment?.bookingId ?? null;
    const currency = d.currency as Currency;
    await tx
      .insert(disputes)
      .values({ stripeDisputeId: d.disputeId, bookingId, stripeChargeId: d.chargeId, amount: d.amount, currency, reason: d.reason, status: d.status, openedAt: now, closedAt: d.closed ? now : null })
      .onConflictDoUpdate({ target: disputes.stripeDisputeId, set: { status: d.status, closedAt: d.closed ? now : null } });
    // Stripe withdraws the amount when the dispute opens and gives it back if it is won.
    await postLedger(tx, { txId: `dispute:${d.disputeId}:withdrawn`, bookingId, currency, entry: disputePosting(d.amount, false), externalRef: d.disputeId, at: now });
    if (d.status === 'won')
      await postLedger(tx, { txId: `dispute:${d.disputeId}:reinstated`, bookingId, currency, entry: disputePosting(d.amount, true), externalRef: d.disputeId, at: now });
    if (!bookingId) return;
    const [payout] = await tx.select().from(payouts).where(eq(payouts.bookingId, bookingId));
    if (!d.closed) {
      if (!payout) return; // schedulePayout checks for an open dispute before it transfers.
      if (payout.status === 'scheduled' || payout.status === 'pending') await tx.update(payouts).set({ status: 'frozen', holdReason: 'card_dispute' }).where(eq(payouts.id, payout.id));
      else if (payout.status === 'paid') await tx.update(payouts).set({ holdReason: 'card_dispute' }).where(eq(payouts.id, payout.id));
      return;
    }
    if (payout?.holdReason === 'card_dispute') {
      if (payout.status === 'frozen' && d.status === 'won') {
        await tx.update(payouts).set({ status: 'scheduled', holdReason: null }).where(eq(payouts.id, payout.id));
        await enqueue(tx, { type: 'payout.transfer', payload: { bookingId }, key: `payout.transfer:${bookingId}:dispute:${d.disputeId}`, runAt: now }, now);
      } else if (payout.status === 'paid') {
        await tx.update(payouts).set({ holdReason: d.status === 'won' ? null : 'dispute_lost' }).where(eq(payouts.id, payout.id));
      } else {
        // Lost: the client's money is gone; the payout stays frozen for an admin to settle.
        await tx.update(payouts).set({ holdReason: 'dispute_lost' }).where(eq(payouts.id, payout.id));
      }
    }
  });
}
