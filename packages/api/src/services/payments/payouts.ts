import { payoutSplit, earnPosting, transferPosting } from '@handled/core/payments';
import { transferEarnings } from '@handled/integrations/stripe';
import type { DbOrTx } from '@handled/db';
import { amountPaidFor, findBooking } from '../../repositories/bookings.ts';
import { disputesOfBooking } from '../../repositories/disputes.ts';
import { paymentsOfBooking } from '../../repositories/payments.ts';
import { insertPayout, payoutOfBooking, providerPayouts, updatePayout } from '../../repositories/payouts.ts';
import { findProvider } from '../../repositories/providers.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { postLedger } from './ledger.ts';
import { DAY_MS } from '@handled/core/durations';

/** When a payout on the provider's schedule goes out: at once, next Monday, or the 1st of next month (UTC). */
export function payoutDate(schedule: 'asap' | 'weekly' | 'monthly', now: Date): Date {
  if (schedule === 'asap') return now;
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (schedule === 'weekly') {
    const untilMonday = (8 - d.getUTCDay()) % 7 || 7;
    return new Date(d.getTime() + untilMonday * DAY_MS);
  }
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

async function openDisputeFor(db: DbOrTx, bookingId: string) {
  const rows = await disputesOfBooking(db, bookingId);
  return rows.find((d) => d.status !== 'won' && d.status !== 'lost');
}

/**
 * Job `schedule.payout` (the machine's `schedule_payout`: completion confirmed, or a dispute
 * resolved for the provider). The client's money is earned now: the ledger splits it into the
 * provider's earnings, fees and tax, and a transfer is planned on the provider's schedule.
 * A payout frozen by a problem report is released.
 */
export async function schedulePayout(deps: ServiceDeps, bookingId: string): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const booking = await findBooking(db, bookingId);
  if (!booking) return;
  const provider = await findProvider(db, booking.providerId);
  if (!provider) throw new Error(`Provider ${booking.providerId} missing`);
  await db.transaction(async (tx) => {
    const collected = await amountPaidFor(tx, booking.id);
    const split = payoutSplit(booking.price, collected);
    const existing = await payoutOfBooking(tx, booking.id);
    if (existing && existing.status !== 'frozen') return;
    if (!existing) {
      await postLedger(tx, {
        txId: `earn:${booking.id}`,
        bookingId: booking.id,
        currency: booking.currency,
        entry: earnPosting(booking.id, provider.userId, split),
        at: now,
      });
    }
    if (split.providerEarnings <= 0) {
      if (!existing)
        await insertPayout(tx, {
          providerId: provider.userId,
          bookingId: booking.id,
          amount: 0,
          currency: booking.currency,
          status: 'cancelled',
          holdReason: 'nothing_collected',
        });
      return;
    }
    const scheduledFor = payoutDate(provider.payoutSchedule, now);
    if (existing) {
      await updatePayout(tx, existing.id, { status: 'scheduled', holdReason: null, scheduledFor });
    } else {
      await insertPayout(tx, {
        providerId: provider.userId,
        bookingId: booking.id,
        amount: split.providerEarnings,
        currency: booking.currency,
        status: 'scheduled',
        scheduledFor,
      });
    }
    await enqueue(
      tx,
      {
        type: 'payout.transfer',
        payload: { bookingId: booking.id },
        key: `payout.transfer:${booking.id}:${now.getTime()}`,
        runAt: scheduledFor,
      },
      now,
    );
  });
}

/** Job `freeze.payout` (a problem report): the payout waits for an admin. */
export async function freezePayout(deps: ServiceDeps, bookingId: string, reason = 'problem_reported'): Promise<void> {
  const booking = await findBooking(deps.db, bookingId);
  if (!booking) return;
  const existing = await payoutOfBooking(deps.db, bookingId);
  if (!existing) {
    await insertPayout(
      deps.db,
      {
        providerId: booking.providerId,
        bookingId,
        amount: booking.price.providerEarnings,
        currency: booking.currency,
        status: 'frozen',
        holdReason: reason,
      },
      { once: true },
    );
  } else if (existing.status === 'scheduled' || existing.status === 'pending') {
    await updatePayout(deps.db, existing.id, { status: 'frozen', holdReason: reason });
  } else if (existing.status === 'paid' && !existing.holdReason) {
    // Already paid: recorded for the admin, who may reverse it.
    await updatePayout(deps.db, existing.id, { holdReason: reason });
  }
}

/**
 * Job `payout.transfer`: sends the provider's earnings (`source_transaction` = the booking's charge,
 * `transfer_group` = the booking, key `transfer:<booking>`). Waits while the provider is not ready
 * or a card dispute is open; the account webhook re-runs it when they become ready.
 */
export async function runPayoutTransfer(deps: ServiceDeps, bookingId: string): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const payout = await payoutOfBooking(db, bookingId);
  if (!payout || payout.status !== 'scheduled') return;
  if (payout.scheduledFor && payout.scheduledFor.getTime() > now.getTime()) return;
  if (await openDisputeFor(db, bookingId)) {
    await updatePayout(db, payout.id, { status: 'frozen', holdReason: 'card_dispute' });
    return;
  }
  const provider = await findProvider(db, payout.providerId);
  if (!provider?.stripeAccountId || !provider.payoutsEnabled) {
    await updatePayout(db, payout.id, { holdReason: 'provider_not_ready' });
    return;
  }
  const charges = await paymentsOfBooking(db, bookingId, ['succeeded', 'partially_refunded']);
  // One charge that covers the earnings funds the transfer; otherwise it comes from the balance.
  const source = charges.filter((c) => c.stripeChargeId && c.amount - c.refunded >= payout.amount).sort((a, b) => b.amount - a.amount)[0];
  let result;
  try {
    result = await transferEarnings(deps.stripe, {
      bookingId,
      providerId: provider.userId,
      destination: provider.stripeAccountId,
      amount: payout.amount,
      currency: payout.currency,
      sourceCharge: source?.stripeChargeId ?? null,
    });
  } catch (e) {
    await updatePayout(db, payout.id, { lastError: (e as Error).message.slice(0, 500) });
    throw e;
  }
  await db.transaction(async (tx) => {
    await updatePayout(tx, payout.id, {
      status: 'paid',
      stripeTransferId: result.transferId,
      stripeChargeId: source?.stripeChargeId ?? null,
      paidAt: now,
      holdReason: null,
      lastError: null,
    });
    await postLedger(tx, {
      txId: `transfer:${result.transferId}`,
      bookingId,
      currency: payout.currency,
      entry: transferPosting(provider.userId, result.amount),
      externalRef: result.transferId,
      at: now,
    });
  });
}

/** When a provider becomes ready, the payouts that waited for them go out. */
export async function releaseWaitingPayouts(tx: DbOrTx, providerId: string, now: Date, cause: string) {
  const waiting = await providerPayouts(tx, providerId, 'scheduled');
  for (const p of waiting) {
    await updatePayout(tx, p.id, { holdReason: null });
    await enqueue(
      tx,
      {
        type: 'payout.transfer',
        payload: { bookingId: p.bookingId },
        key: `payout.transfer:${p.bookingId}:ready:${cause}`,
        runAt: p.scheduledFor && p.scheduledFor > now ? p.scheduledFor : now,
      },
      now,
    );
  }
}
