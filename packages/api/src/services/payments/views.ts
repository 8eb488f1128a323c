import { DomainError } from '@handled/core/errors';
import { accounts, paymentDisplayStatus, type StoredPaymentStatus } from '@handled/core/payments';
import { latestDisputes } from '../../repositories/disputes.ts';
import { instalmentsOfBooking, overdueInstalments } from '../../repositories/instalments.ts';
import { invoicesOfBooking } from '../../repositories/invoices.ts';
import { failedJobsOfTypes, retryFailedJob } from '../../repositories/jobs.ts';
import { accountBalance } from '../../repositories/ledger.ts';
import { refundsOfBooking, unfinishedRefunds } from '../../repositories/payments.ts';
import { heldPayouts, payoutOfBooking, payoutsOwedBack, providerPayouts, payoutsWithBookingsOf } from '../../repositories/payouts.ts';
import { unprocessedWebhookEvents, webhookCountsOf } from '../../repositories/webhook-events.ts';
import type { SessionUser } from '../../context.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { overdueGraceDays } from './plan.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Payment status, invoices, instalments and refunds of one booking, for its client, provider or an admin. */
export async function paymentsForBooking(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const [invs, plan, refundRows, payout] = await Promise.all([
    invoicesOfBooking(deps.db, booking.id),
    instalmentsOfBooking(deps.db, booking.id),
    refundsOfBooking(deps.db, booking.id),
    payoutOfBooking(deps.db, booking.id),
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
      cancelsAt: p.status === 'overdue' ? iso(new Date(p.dueAt.getTime() + overdueGraceDays * 86_400_000)) : null,
    })),
    refunds: refundRows.map((r) => ({
      amount: r.amount,
      reason: r.reason,
      status: r.status,
      creditNote: r.stripeCreditNoteId,
      at: iso(r.createdAt),
    })),
    // The provider (and an admin) see their payout; the client does not.
    payout:
      payout && (isProvider || user.role === 'admin')
        ? {
            amount: payout.amount,
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
    bookingId: p.bookingId,
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

/** Earnings summary: paid, on the way, held, owed back; per currency. */
export async function earningsOfProvider(deps: ServiceDeps, providerId: string) {
  const rows = await providerPayouts(deps.db, providerId);
  const byCurrency = new Map<string, { paid: number; scheduled: number; held: number; owed: number; jobs: number }>();
  for (const p of rows) {
    const s = byCurrency.get(p.currency) ?? { paid: 0, scheduled: 0, held: 0, owed: 0, jobs: 0 };
    s.jobs += 1;
    if (p.status === 'paid' || p.status === 'reversed') s.paid += p.amount - p.amountReversed - p.amountOwed;
    else if (p.status === 'scheduled' && !p.holdReason) s.scheduled += p.amount;
    else if (p.status === 'scheduled' || p.status === 'frozen' || p.status === 'pending') s.held += p.amount;
    s.owed += p.amountOwed;
    byCurrency.set(p.currency, s);
  }
  return {
    currencies: [...byCurrency].map(([currency, s]) => ({ currency, ...s })),
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
