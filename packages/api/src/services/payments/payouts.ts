import { cancellationFeeSplit, payoutSplit, earnPosting, transferPosting } from '@handled/core/payments';
import { transferEarnings } from '@handled/integrations/stripe';
import type { DbOrTx } from '@handled/db';
import { amountPaidFor, findBooking } from '../../repositories/bookings.ts';
import { disputesOfBooking } from '../../repositories/disputes.ts';
import { ledgerHas } from '../../repositories/ledger.ts';
import { paymentsOfBooking } from '../../repositories/payments.ts';
import {
  insertPayout,
  payoutOfBooking,
  providerPayouts,
  updatePayout,
  type PayoutKind,
  type PayoutReason,
  type PayoutRow,
} from '../../repositories/payouts.ts';
import { countCompletedJob, findProvider } from '../../repositories/providers.ts';
import { tipOfBooking } from '../../repositories/tips.ts';
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

/** The ledger transaction that set a payout's money aside for the provider (its earnings became theirs). */
export function earnedTxId(p: Pick<PayoutRow, 'bookingId' | 'reason'>): string {
  return p.reason === 'job' ? `earn:${p.bookingId}` : p.reason === 'tip' ? `tip_share:${p.bookingId}` : `fee_share:${p.bookingId}`;
}

/**
 * Job `schedule.payout`: the provider's money for a booking, by why it is owed — the job
 * (completion confirmed, or a dispute resolved for the provider), the fee of a late cancellation
 * or of a client's no-show, or a tip. Each becomes theirs in the ledger and goes out as a transfer
 * on their schedule, by the same `payout.transfer` job.
 */
export async function schedulePayout(deps: ServiceDeps, bookingId: string, reason: PayoutReason = 'job'): Promise<void> {
  if (reason === 'tip') return scheduleTipPayout(deps, bookingId);
  if (reason === 'late_cancellation' || reason === 'no_show') return scheduleFeePayout(deps, bookingId, reason);
  return scheduleJobPayout(deps, bookingId);
}

/** Plans the transfer of a payout that is now the provider's, on their schedule. */
async function planTransfer(tx: DbOrTx, payout: { bookingId: string; kind: PayoutKind }, scheduledFor: Date, now: Date) {
  await enqueue(
    tx,
    {
      type: 'payout.transfer',
      payload: { bookingId: payout.bookingId, ...(payout.kind === 'tip' ? { kind: 'tip' as const } : {}) },
      key: `payout.transfer:${payout.bookingId}:${payout.kind}:${now.getTime()}`,
      runAt: scheduledFor,
    },
    now,
  );
}

/**
 * The client's money is earned now: the ledger splits it into the provider's earnings, fees and
 * tax, and a transfer is planned on the provider's schedule. A payout frozen by a problem report
 * is released.
 */
async function scheduleJobPayout(deps: ServiceDeps, bookingId: string): Promise<void> {
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
      const earned = await postLedger(tx, {
        txId: `earn:${booking.id}`,
        bookingId: booking.id,
        currency: booking.currency,
        entry: earnPosting(booking.id, provider.userId, split),
        at: now,
      });
      // The profile's "jobs done" counts what the ledger counts: a job whose earnings were set aside.
      if (earned) await countCompletedJob(tx, provider.userId);
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
    await planTransfer(tx, { bookingId: booking.id, kind: 'earnings' }, scheduledFor, now);
  });
}

/**
 * A late cancellation's or a client no-show's fee, less the commission of the booking's fee
 * policy, is the provider's once the cancellation has settled: what the client still has paid is
 * exactly the fee — the refund of the rest is done, and a fee invoice for what was not paid is
 * paid. Until then the payout waits (`pending`, `refund_pending` or `fee_unpaid`), and the refund
 * or the payment that settles it runs this job again (`releasePendingFeePayout`).
 */
async function scheduleFeePayout(deps: ServiceDeps, bookingId: string, reason: 'late_cancellation' | 'no_show'): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const booking = await findBooking(db, bookingId);
  const fee = booking?.cancellationFee ?? 0;
  if (!booking || fee <= 0) return;
  const provider = await findProvider(db, booking.providerId);
  if (!provider) throw new Error(`Provider ${booking.providerId} missing`);
  const split = cancellationFeeSplit(booking.price, fee);
  await db.transaction(async (tx) => {
    const existing = await payoutOfBooking(tx, booking.id);
    if (existing && existing.status !== 'pending') return;
    const collected = await amountPaidFor(tx, booking.id);
    const waiting = collected > fee ? 'refund_pending' : collected < fee ? 'fee_unpaid' : null;
    if (waiting) {
      if (!existing)
        await insertPayout(
          tx,
          {
            providerId: provider.userId,
            bookingId: booking.id,
            reason,
            amount: split.providerEarnings,
            currency: booking.currency,
            status: 'pending',
            holdReason: waiting,
          },
          { once: true },
        );
      else if (existing.holdReason !== waiting) await updatePayout(tx, existing.id, { holdReason: waiting });
      return;
    }
    await postLedger(tx, {
      txId: earnedTxId({ bookingId: booking.id, reason }),
      bookingId: booking.id,
      currency: booking.currency,
      entry: earnPosting(booking.id, provider.userId, { collected: fee, providerEarnings: split.providerEarnings, tax: 0 }),
      at: now,
    });
    const scheduledFor = payoutDate(provider.payoutSchedule, now);
    const status = split.providerEarnings > 0 ? ('scheduled' as const) : ('cancelled' as const);
    const row = { status, holdReason: null, scheduledFor: status === 'scheduled' ? scheduledFor : null, amount: split.providerEarnings };
    if (existing) await updatePayout(tx, existing.id, row);
    else await insertPayout(tx, { providerId: provider.userId, bookingId: booking.id, reason, currency: booking.currency, ...row });
    if (status === 'scheduled') await planTransfer(tx, { bookingId: booking.id, kind: 'earnings' }, scheduledFor, now);
  });
}

/**
 * After a refund or a payment on a closed booking with a fee, its fee payout is looked at again
 * (in the caller's transaction, keyed by what moved the money): it goes out once what the client
 * keeps paid is exactly the fee. Harmless when the payout went already.
 */
export async function releasePendingFeePayout(tx: DbOrTx, bookingId: string, now: Date, cause: string): Promise<void> {
  const booking = await findBooking(tx, bookingId);
  if (!booking || (booking.cancellationFee ?? 0) <= 0 || (booking.status !== 'cancelled' && booking.status !== 'no_show')) return;
  const payout = await payoutOfBooking(tx, bookingId);
  if (payout && payout.status !== 'pending') return;
  await enqueue(
    tx,
    {
      type: 'schedule.payout',
      payload: { bookingId, reason: booking.status === 'no_show' ? 'no_show' : 'late_cancellation' },
      key: `schedule_payout:${bookingId}:settled:${cause}`,
    },
    now,
  );
}

/** A tip the client paid: all of it is the provider's (no fee, no commission), sent on their schedule. */
async function scheduleTipPayout(deps: ServiceDeps, bookingId: string): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const [booking, tip] = await Promise.all([findBooking(db, bookingId), tipOfBooking(db, bookingId)]);
  if (!booking || tip?.status !== 'paid') return;
  const provider = await findProvider(db, booking.providerId);
  if (!provider) throw new Error(`Provider ${booking.providerId} missing`);
  await db.transaction(async (tx) => {
    if (await payoutOfBooking(tx, booking.id, 'tip')) return;
    await postLedger(tx, {
      txId: earnedTxId({ bookingId: booking.id, reason: 'tip' }),
      bookingId: booking.id,
      currency: tip.currency,
      entry: earnPosting(booking.id, provider.userId, { collected: tip.amount, providerEarnings: tip.amount, tax: 0 }),
      at: now,
    });
    const scheduledFor = payoutDate(provider.payoutSchedule, now);
    await insertPayout(tx, {
      providerId: provider.userId,
      bookingId: booking.id,
      kind: 'tip',
      reason: 'tip',
      amount: tip.amount,
      currency: tip.currency,
      status: 'scheduled',
      scheduledFor,
    });
    await planTransfer(tx, { bookingId: booking.id, kind: 'tip' }, scheduledFor, now);
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
 * Job `payout.transfer`: sends the provider's earnings or tip (`source_transaction` = the charge
 * that paid it, `transfer_group` = the booking, keyed by booking and kind). Waits while the
 * provider is not ready or a card dispute is open; the account webhook re-runs it when they become
 * ready, and a won dispute releases it.
 */
export async function runPayoutTransfer(deps: ServiceDeps, bookingId: string, kind: PayoutKind = 'earnings'): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const payout = await payoutOfBooking(db, bookingId, kind);
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
  let sourceCharge: string | null;
  if (kind === 'tip') {
    const tip = await tipOfBooking(db, bookingId);
    // A tip paid partly from a goodwill credit is more than its charge: it comes from the balance.
    const partlyCredit = tip?.stripeInvoiceId ? await ledgerHas(db, `credit:applied:${tip.stripeInvoiceId}`) : false;
    sourceCharge = partlyCredit ? null : (tip?.stripeChargeId ?? null);
  } else {
    const charges = await paymentsOfBooking(db, bookingId, ['succeeded', 'partially_refunded']);
    // One charge that covers the earnings funds the transfer; otherwise it comes from the balance.
    const source = charges.filter((c) => c.stripeChargeId && c.amount - c.refunded >= payout.amount).sort((a, b) => b.amount - a.amount)[0];
    sourceCharge = source?.stripeChargeId ?? null;
  }
  let result;
  try {
    result = await transferEarnings(deps.stripe, {
      bookingId,
      providerId: provider.userId,
      destination: provider.stripeAccountId,
      amount: payout.amount,
      currency: payout.currency,
      sourceCharge,
      kind,
      reason: payout.reason,
    });
  } catch (e) {
    await updatePayout(db, payout.id, { lastError: (e as Error).message.slice(0, 500) });
    throw e;
  }
  await db.transaction(async (tx) => {
    await updatePayout(tx, payout.id, {
      status: 'paid',
      stripeTransferId: result.transferId,
      stripeChargeId: sourceCharge,
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
        payload: { bookingId: p.bookingId, ...(p.kind === 'tip' ? { kind: 'tip' as const } : {}) },
        key: `payout.transfer:${p.bookingId}:${p.kind}:ready:${cause}`,
        runAt: p.scheduledFor && p.scheduledFor > now ? p.scheduledFor : now,
      },
      now,
    );
  }
}
