import type Stripe from 'stripe';
import { accounts } from '@handled/core/payments';
import { bookingReferences, bookingsWithParties } from '../../repositories/bookings.ts';
import { disputesWithPayouts, openDisputes } from '../../repositories/disputes.ts';
import { overdueInstalments } from '../../repositories/instalments.ts';
import { hostedInvoicesOf } from '../../repositories/invoices.ts';
import { jobQueueAt, jobsNeedingALook } from '../../repositories/jobs.ts';
import { ledgerTotals } from '../../repositories/ledger.ts';
import { payoutsInStatus } from '../../repositories/payouts.ts';
import { webhookBacklog } from '../../repositories/webhook-events.ts';
import type { ServiceDeps } from '../deps.ts';
import { reconcile } from './reconcile.ts';
import { overdueGraceDays } from './plan.ts';

/*
 * Read models for the admin screens (monitoring, disputes, jobs, reconciliation). Plain reads; the
 * labels a person reads are the front end's business, so codes (statuses, hold reasons) go out as is.
 */

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const secondsSince = (d: Date | null | undefined, now: Date) => (d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000)) : null);

/** Stripe's final dispute statuses; anything else is still open. */
const closedDisputeStatuses = ['won', 'lost', 'warning_closed', 'prevented'];
/** Payouts that have not reached the provider (nor been settled otherwise). */
const waitingPayoutStatuses = ['pending', 'scheduled', 'frozen', 'failed'] as const;

interface Sum {
  currency: string;
  amount: number;
  count: number;
}

function addTo(sums: Sum[], currency: string, amount: number, count = 1): Sum[] {
  const s = sums.find((x) => x.currency === currency);
  if (s) {
    s.amount += amount;
    s.count += count;
  } else sums.push({ currency, amount, count });
  return sums;
}

/** Where a person looks at a Stripe object: the emulator's dashboard in the sandbox, else Stripe's. */
export function stripeDashboardUrl(stripe: Stripe, object: { kind: 'disputes' | 'payments'; id: string }): string {
  const host: unknown = stripe.getApiField('host');
  if (typeof host !== 'string' || host === 'api.stripe.com')
    return `https://dashboard.stripe.com/${object.kind}/${encodeURIComponent(object.id)}`;
  const protocol = String(stripe.getApiField('protocol') ?? 'http');
  const port = Number(stripe.getApiField('port'));
  const defaultPort = protocol === 'https' ? 443 : 80;
  return `${protocol}://${host}${port && port !== defaultPort ? `:${port}` : ''}/_/stripe`;
}

/** Monitoring: webhooks, the job queue, overdue payments, payouts waiting (and why), open disputes. */
export async function adminOverview(deps: ServiceDeps) {
  const { db } = deps;
  const now = deps.now();
  const [webhooks, queueNow, overdue, waiting, disputesOpen] = await Promise.all([
    webhookBacklog(db),
    jobQueueAt(db, now),
    overdueInstalments(db),
    payoutsInStatus(db, waitingPayoutStatuses),
    openDisputes(db, closedDisputeStatuses),
  ]);
  const hooks = webhooks.counts;
  const oldestHook = webhooks.oldestWaiting;

  const webhookSources = new Map<string, { source: string; received: number; processed: number; failed: number; ignored: number }>();
  for (const h of hooks) {
    const s = webhookSources.get(h.source) ?? { source: h.source, received: 0, processed: 0, failed: 0, ignored: 0 };
    s[h.status] += Number(h.n);
    webhookSources.set(h.source, s);
  }
  const bySource = [...webhookSources.values()].sort((a, b) => a.source.localeCompare(b.source));
  const total = (k: 'received' | 'processed' | 'failed' | 'ignored') => bySource.reduce((n, s) => n + s[k], 0);

  // Pending jobs split into due now (the backlog) and scheduled for later (reminders, payouts).
  const queue = { due: queueNow.due, scheduled: 0, running: 0, failed: 0, dead: 0, done: 0 };
  for (const j of queueNow.byStatus) {
    if (j.status === 'pending') queue.scheduled = Math.max(0, Number(j.n) - queue.due);
    else queue[j.status] = Number(j.n);
  }

  const overdueSums: Sum[] = [];
  let pastGrace = 0;
  for (const i of overdue) {
    addTo(overdueSums, i.currency, i.amount);
    if (now.getTime() - i.dueAt.getTime() > overdueGraceDays * 86_400_000) pastGrace += 1;
  }

  // Why each payout waits: a hold reason, a failed transfer, or simply its date.
  const reasons = new Map<string, { reason: string; status: string; sums: Sum[]; nextAt: string | null }>();
  for (const p of waiting) {
    const reason =
      p.holdReason ?? (p.status === 'failed' || p.lastError ? 'transfer_failed' : p.status === 'scheduled' ? 'on_schedule' : 'not_ready');
    const key = `${p.status}:${reason}`;
    const r = reasons.get(key) ?? { reason, status: p.status, sums: [], nextAt: null };
    addTo(r.sums, p.currency, p.amount);
    const at = iso(p.scheduledFor);
    if (at && (!r.nextAt || at < r.nextAt)) r.nextAt = at;
    reasons.set(key, r);
  }

  return {
    generatedAt: now.toISOString(),
    webhooks: {
      bySource,
      totals: {
        received: total('received') + total('processed') + total('failed') + total('ignored'),
        processed: total('processed'),
        failed: total('failed'),
        ignored: total('ignored'),
        waiting: total('received'),
      },
      oldestWaiting: oldestHook
        ? {
            source: oldestHook.source,
            type: oldestHook.type,
            receivedAt: iso(oldestHook.receivedAt),
            ageSeconds: secondsSince(oldestHook.receivedAt, now),
          }
        : null,
    },
    jobs: {
      ...queue,
      stuckRunning: queueNow.stuckRunning,
      oldestDue: queueNow.oldestDue
        ? {
            id: queueNow.oldestDue.id,
            type: queueNow.oldestDue.type,
            runAt: iso(queueNow.oldestDue.runAt),
            waitingSeconds: secondsSince(queueNow.oldestDue.runAt, now),
          }
        : null,
    },
    overdue: { instalments: overdue.length, pastGrace, byCurrency: overdueSums },
    payoutsWaiting: [...reasons.values()].map((r) => ({
      reason: r.reason,
      status: r.status,
      count: r.sums.reduce((n, s) => n + s.count, 0),
      byCurrency: r.sums,
      nextAt: r.nextAt,
    })),
    disputes: { open: disputesOpen.length, byCurrency: disputesOpen.reduce((sums, d) => addTo(sums, d.currency, d.amount), [] as Sum[]) },
  };
}

/** Card disputes, newest first, with who and what they are about and what became of the payout. */
export async function adminDisputes(deps: ServiceDeps) {
  const rows = await disputesWithPayouts(deps.db, 200);
  const bookingIds = [...new Set(rows.flatMap((r) => (r.dispute.bookingId ? [r.dispute.bookingId] : [])))];
  const [parties, invs] = await Promise.all([
    bookingsWithParties(deps.db, { ids: bookingIds }, { limit: bookingIds.length }),
    hostedInvoicesOf(deps.db, bookingIds),
  ]);
  const partiesOf = new Map(parties.map((p) => [p.booking.id, p]));
  return rows.map(({ dispute: d, payout }) => {
    const b = d.bookingId ? partiesOf.get(d.bookingId) : undefined;
    const open = !closedDisputeStatuses.includes(d.status);
    const invoice = invs.find((i) => i.bookingId === d.bookingId && i.status !== 'void') ?? invs.find((i) => i.bookingId === d.bookingId);
    return {
      id: d.id,
      stripeDisputeId: d.stripeDisputeId,
      stripeChargeId: d.stripeChargeId,
      bookingId: d.bookingId,
      amount: d.amount,
      currency: d.currency,
      reason: d.reason,
      status: d.status,
      open,
      openedAt: iso(d.openedAt),
      closedAt: iso(d.closedAt),
      booking: b ? { id: b.booking.id, reference: b.booking.reference, startsAt: iso(b.booking.startsAt), status: b.booking.status } : null,
      client: b ? { name: b.client.name, email: b.client.email } : null,
      provider: b ? { name: b.provider.displayName } : null,
      // A payout is held by the dispute when it is frozen, or already paid but marked for the admin.
      payout: payout
        ? { status: payout.status, holdReason: payout.holdReason, amount: payout.amount ?? 0, frozen: payout.status === 'frozen' }
        : null,
      stripeUrl: stripeDashboardUrl(deps.stripe, { kind: 'disputes', id: d.stripeDisputeId }),
      invoiceUrl: invoice?.hostedUrl ?? null,
    };
  });
}

/** Jobs that need a look: failed (will retry), dead (gave up) and running past their lease. */
export async function adminJobs(deps: ServiceDeps) {
  const now = deps.now();
  const rows = await jobsNeedingALook(deps.db, now, 200);
  return {
    generatedAt: now.toISOString(),
    items: rows.map((j) => ({
      id: j.id,
      type: j.type,
      status: j.status,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      lastError: j.lastError,
      // A dead job does not run again unless retried.
      nextRunAt: j.status === 'dead' ? null : iso(j.runAt),
      updatedAt: iso(j.updatedAt),
      bookingId: typeof j.payload['bookingId'] === 'string' ? j.payload['bookingId'] : null,
      retryable: j.status === 'failed' || j.status === 'dead',
    })),
  };
}

/**
 * Reconciliation with what it covered: the differences, and per currency the bookings and the
 * ledger's Stripe-balance totals that were checked against Stripe's objects.
 */
export async function adminReconcile(deps: ServiceDeps) {
  const report = await reconcile(deps.db, deps.stripe);
  const { byKind: totals, bookingsPer, transactions } = await ledgerTotals(deps.db, accounts.stripe);
  const currencies = [...new Set([...totals.map((t) => t.currency), ...bookingsPer.map((b) => b.currency)])].sort();
  const diffBookings = [...new Set(report.differences.map((d) => d.bookingId).filter((id): id is string => !!id))];
  const diffRows = await bookingReferences(deps.db, diffBookings);
  const sumOf = (currency: string, kind: string) => Number(totals.find((t) => t.currency === currency && t.kind === kind)?.amount ?? 0);
  return {
    ranAt: deps.now().toISOString(),
    ...report,
    // Each difference with its booking's reference and currency, for reading the amounts.
    differences: report.differences.map((d) => {
      const b = diffRows.find((r) => r.id === d.bookingId);
      return { ...d, reference: b?.reference ?? null, currency: b?.currency ?? null };
    }),
    transactions,
    // Signs as Stripe reports them: money in is positive, money out (refunds, transfers, disputes) too.
    compared: currencies.map((currency) => ({
      currency,
      bookings: Number(bookingsPer.find((b) => b.currency === currency)?.n ?? 0),
      charges: sumOf(currency, 'charge'),
      refunds: -sumOf(currency, 'refund'),
      transfers: -sumOf(currency, 'transfer'),
      reversals: sumOf(currency, 'reversal'),
      disputes: -sumOf(currency, 'dispute'),
    })),
  };
}
