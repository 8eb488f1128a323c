import { DomainError } from '@handled/core/errors';
import { accounts, graceEndsAt, paymentDisplayStatus, type StoredPaymentStatus } from '@handled/core/payments';
import { latestDisputes } from '../../repositories/disputes.ts';
import { instalmentsOfBooking, overdueInstalments } from '../../repositories/instalments.ts';
import { invoicesOfBooking } from '../../repositories/invoices.ts';
import { failedJobsOfTypes, retryFailedJob } from '../../repositories/jobs.ts';
import { accountBalance, providerLedgerSummary } from '../../repositories/ledger.ts';
import { refundsOfBooking, unfinishedRefunds } from '../../repositories/payments.ts';
import { heldPayouts, payoutOfBooking, payoutsOwedBack, providerPayouts, payoutsWithBookingsOf } from '../../repositories/payouts.ts';
import { unprocessedWebhookEvents, webhookCountsOf } from '../../repositories/webhook-events.ts';
import type { SessionUser } from '../../context.ts';
import { tipOfBooking } from '../../repositories/tips.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import { tipView } from './tips.ts';
import type { ServiceDeps } from '../deps.ts';
import { overdueGraceDays } from './plan.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Payment status, invoices, instalments and refunds of one booking, for its client, provider or an admin. */
export async function paymentsForBooking(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const [invs, plan, refundRows, payout, tip] = await Promise.all([
    invoicesOfBooking(deps.db, booking.id),
    instalmentsOfBooking(deps.db, booking.id),
    refundsOfBooking(deps.db, booking.id),
    payoutOfBooking(deps.db, booking.id),
    tipOfBooking(deps.db, booking.id),
  ]);
  const live = plan.filter((p) => invs.some((i) => i.id === p.invoiceId && i.status !== 'void') || p.invoiceId === null);
  const isProvider = user.id === booking.providerId;
  return {
    bookingId: booking.id,
    currency: booking.currency,
    total: booking.total,
    status: paymentDisplayStatus(booking.paymentStatus === 'none' ? 'open' : (booking.paymentStatus as StoredPaymentStatus), live),
    invoices: invs.map((i) => ({
      id: i.id,
      number: i.number,
      status: i.status,
      paymentStatus: i.paymentStatus,
      total: i.total,
      amountPaid: i.amountPaid,
      amountRemaining: i.amountRemaining,
      hostedUrl: i.hostedUrl,
      pdfUrl: i.pdfUrl,
      dueAt: iso(i.dueAt),
    })),
    instalments: live.map((p) => ({
      seq: p.seq,
      kind: p.kind,
      amount: p.amount,
      dueAt: iso(p.dueAt),
      status: p.status,
      paidAt: iso(p.paidAt),
      invoiceId: p.invoiceId,
      // An overdue instalment still unpaid then makes the booking follow the cancellation policy.
      cancelsAt: p.status === 'overdue' ? iso(graceEndsAt(p.dueAt, overdueGraceDays, booking.startsAt)) : null,
    })),
    refunds: refundRows.map((r) => ({
      amount: r.amount,
      reason: r.reason,
      status: r.status,
      creditNote: r.stripeCreditNoteId,
      at: iso(r.createdAt),
    })),
    /** The client's tip after the job (all of it to the provider), with its page while unpaid. */
    tip: tipView(tip),
    // The provider (and an admin) see their payout; the client does not.
    payout:
      payout && (isProvider || user.role === 'admin')
        ? {
            amount: payout.amount,
            reason: payout.reason,
            status: payout.status,
            holdReason: payout.holdReason,
            scheduledFor: iso(payout.scheduledFor),
            paidAt: iso(payout.paidAt),
          }
        : null,
  };
}

/** A provider's payouts, newest first. */
export async function payoutsOfProvider(deps: ServiceDeps, providerId: string, limit: number) {
  const rows = await payoutsWithBookingsOf(deps.db, providerId, limit);
  return rows.map(({ payout: p, reference, startsAt }) => ({
    id: p.id,
    bookingId: p.bookingId,
    /** What the money is for: the job, a late cancellation's or a no-show's fee (less commission), or a tip. */
    reason: p.reason,
    kind: p.kind,
    reference,
    jobDate: iso(startsAt),
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    holdReason: p.holdReason,
    scheduledFor: iso(p.scheduledFor),
    paidAt: iso(p.paidAt),
    reversed: p.amountReversed,
    owed: p.amountOwed,
  }));
}

/**
 * Earnings summary per currency, from the ledger — the same entries the admin's reconciliation
 * checks against Stripe, the demo's history included: paid out (transferred, less what refunds or
 * lost disputes took back), on its way and on hold (earned, not transferred; held when a payout
 * waits for a reason), owed back, and the jobs that earned.
 */
export async function earningsOfProvider(deps: ServiceDeps, providerId: string) {
  const [ledger, rows] = await Promise.all([providerLedgerSummary(deps.db, providerId), providerPayouts(deps.db, providerId)]);
  const currencies = ledger.map((l) => {
    // Why money waits is the payout's business (a hold, a dispute, the provider's Stripe account), not the ledger's.
    const held = rows
      .filter(
        (p) =>
          p.currency === l.currency &&
          (p.status === 'frozen' || p.status === 'pending' || (p.status === 'scheduled' && p.holdReason !== null)),
      )
      .reduce((s, p) => s + p.amount, 0);
    const heldNow = Math.min(held, Math.max(0, l.waiting));
    return {
      currency: l.currency,
      paid: l.transferred - l.takenBack,
      scheduled: Math.max(0, l.waiting - heldNow),
      held: heldNow,
      owed: Math.max(0, l.owed),
      jobs: l.jobs,
      earned: l.earned,
    };
  });
  return {
    currencies,
    owedToPlatform: await accountBalance(deps.db, accounts.providerOwed(providerId)),
  };
}

/** Admin: card disputes, newest first. */
export async function listDisputes(deps: ServiceDeps) {
  const rows = await latestDisputes(deps.db, 200);
  return rows.map((d) => ({ ...d, openedAt: iso(d.openedAt), closedAt: iso(d.closedAt) }));
}

/** Admin: what needs a person — held payouts, overdue instalments, refunds owed by providers, failed refunds. */
export async function stuckItems(deps: ServiceDeps) {
  const now = deps.now();
  const [held, overdue, owed, failedRefunds] = await Promise.all([
    heldPayouts(deps.db),
    overdueInstalments(deps.db),
    payoutsOwedBack(deps.db),
    unfinishedRefunds(deps.db),
  ]);
  return {
    heldPayouts: held.map((p) => ({
      bookingId: p.bookingId,
      providerId: p.providerId,
      amount: p.amount,
      status: p.status,
      holdReason: p.holdReason,
      lastError: p.lastError,
    })),
    overdueInstalments: overdue.map((i) => ({
      bookingId: i.bookingId,
      seq: i.seq,
      amount: i.amount,
      dueAt: iso(i.dueAt),
      daysLate: Math.floor((now.getTime() - i.dueAt.getTime()) / 86_400_000),
      pastGrace: now.getTime() - i.dueAt.getTime() > overdueGraceDays * 86_400_000,
    })),
    providerBalancesOwed: owed.map((p) => ({ bookingId: p.bookingId, providerId: p.providerId, owed: p.amountOwed, currency: p.currency })),
    refundsNotDone: failedRefunds.map((r) => ({ bookingId: r.bookingId, amount: r.amount, status: r.status, reason: r.reason })),
  };
}

/** Admin monitoring: failed and dead payment jobs, and webhook events not processed. */
export async function paymentMonitoring(deps: ServiceDeps) {
  const paymentJobs = [
    'stripe.event',
    'invoice.create',
    'invoice.reprice',
    'payment.refund',
    'payment.credit',
    'payment.cancellation_fee',
    'void.invoice',
    'schedule.payout',
    'freeze.payout',
    'payout.transfer',
    'instalment.check',
  ];
  const [badJobs, events, counts] = await Promise.all([
    failedJobsOfTypes(deps.db, paymentJobs, 100),
    unprocessedWebhookEvents(deps.db, 'stripe', 100),
    webhookCountsOf(deps.db, 'stripe'),
  ]);
  return {
    jobs: badJobs.map((j) => ({
      id: j.id,
      type: j.type,
      status: j.status,
      attempts: j.attempts,
      lastError: j.lastError,
      runAt: iso(j.runAt),
      payload: j.payload,
    })),
    webhookEvents: events.map((e) => ({
      id: e.id,
      eventId: e.eventId,
      type: e.type,
      status: e.status,
      error: e.error,
      receivedAt: iso(e.receivedAt),
    })),
    webhookCounts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

/** Admin: a dead payment job is tried again now. */
export async function retryJob(deps: ServiceDeps, jobId: string) {
  if (!(await retryFailedJob(deps.db, jobId, deps.now()))) throw new DomainError('NOT_FOUND', 'No failed job with that id.');
  return { retried: true };
}
