import { and, desc, eq, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type Stripe from 'stripe';
import { accounts } from '@handled/core/payments';
import { bookings, disputes, invoices, jobs, ledgerEntries, paymentInstalments, payouts, providerProfiles, users, webhookEvents } from '@handled/db/schema';
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
  if (typeof host !== 'string' || host === 'api.stripe.com') return `https://dashboard.stripe.com/${object.kind}/${encodeURIComponent(object.id)}`;
  const protocol = String(stripe.getApiField('protocol') ?? 'http');
  const port = Number(stripe.getApiField('port'));
  const defaultPort = protocol === 'https' ? 443 : 80;
  return `${protocol}://${host}${port && port !== defaultPort ? `:${port}` : ''}/_/stripe`;
}

/** Monitoring: webhooks, the job queue, overdue payments, payouts waiting (and why), open disputes. */
export async function adminOverview(deps: ServiceDeps) {
  const { db } = deps;
  const now = deps.now();
  const [hooks, oldestHook, jobCounts, dueCount, oldestDue, stuckRunning, overdue, waiting, openDisputes] = await Promise.all([
    db.select({ source: webhookEvents.source, status: webhookEvents.status, n: sql<number>`count(*)` }).from(webhookEvents).groupBy(webhookEvents.source, webhookEvents.status),
    db.select({ source: webhookEvents.source, type: webhookEvents.type, receivedAt: webhookEvents.receivedAt }).from(webhookEvents).where(eq(webhookEvents.status, 'received')).orderBy(webhookEvents.receivedAt).limit(1),
    db.select({ status: jobs.status, n: sql<number>`count(*)` }).from(jobs).groupBy(jobs.status),
    db.select({ n: sql<number>`count(*)` }).from(jobs).where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now))),
    db.select({ id: jobs.id, type: jobs.type, runAt: jobs.runAt }).from(jobs).where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now))).orderBy(jobs.runAt).limit(1),
    db.select({ n: sql<number>`count(*)` }).from(jobs).where(and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now))),
    db.select().from(paymentInstalments).where(eq(paymentInstalments.status, 'overdue')),
    db.select().from(payouts).where(inArray(payouts.status, [...waitingPayoutStatuses])),
    db.select().from(disputes).where(sql`${disputes.status} not in (${sql.join(closedDisputeStatuses.map((s) => sql`${s}`), sql`, `)})`),
  ]);

  const webhookSources = new Map<string, { source: string; received: number; processed: number; failed: number; ignored: number }>();
  for (const h of hooks) {
    const s = webhookSources.get(h.source) ?? { source: h.source, received: 0, processed: 0, failed: 0, ignored: 0 };
    s[h.status] += Number(h.n);
    webhookSources.set(h.source, s);
  }
  const bySource = [...webhookSources.values()].sort((a, b) => a.source.localeCompare(b.source));
  const total = (k: 'received' | 'processed' | 'failed' | 'ignored') => bySource.reduce((n, s) => n + s[k], 0);

  // Pending jobs split into due now (the backlog) and scheduled for later (reminders, payouts).
  const queue = { due: Number(dueCount[0]?.n ?? 0), scheduled: 0, running: 0, failed: 0, dead: 0, done: 0 };
  for (const j of jobCounts) {
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
    const reason = p.holdReason ?? (p.status === 'failed' || p.lastError ? 'transfer_failed' : p.status === 'scheduled' ? 'on_schedule' : 'not_ready');
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
      totals: { received: total('received') + total('processed') + total('failed') + total('ignored'), processed: total('processed'), failed: total('failed'), ignored: total('ignored'), waiting: total('received') },
      oldestWaiting: oldestHook[0] ? { source: oldestHook[0].source, type: oldestHook[0].type, receivedAt: iso(oldestHook[0].receivedAt), ageSeconds: secondsSince(oldestHook[0].receivedAt, now) } : null,
    },
    jobs: {
      ...queue,
      stuckRunning: Number(stuckRunning[0]?.n ?? 0),
      oldestDue: oldestDue[0] ? { id: oldestDue[0].id, type: oldestDue[0].type, runAt: iso(oldestDue[0].runAt), waitingSeconds: secondsSince(oldestDue[0].runAt, now) } : null,
    },
    overdue: { instalments: overdue.length, pastGrace, byCurrency: overdueSums },
    payoutsWaiting: [...reasons.values()].map((r) => ({ reason: r.reason, status: r.status, count: r.sums.reduce((n, s) => n + s.count, 0), byCurrency: r.sums, nextAt: r.nextAt })),
    disputes: { open: openDisputes.length, byCurrency: openDisputes.reduce((sums, d) => addTo(sums, d.currency, d.amount), [] as Sum[]) },
  };
}

/** Card disputes, newest first, with who and what they are about and what became of the payout. */
export async function adminDisputes(deps: ServiceDeps) {
  const client = alias(users, 'client');
  const rows = await deps.db
    .select({
      d: disputes,
      reference: bookings.reference,
      startsAt: bookings.startsAt,
      bookingStatus: bookings.status,
      clientName: client.name,
      clientEmail: client.email,
      providerName: providerProfiles.displayName,
      payoutStatus: payouts.status,
      payoutHold: payouts.holdReason,
      payoutAmount: payouts.amount,
    })
    .from(disputes)
    .leftJoin(bookings, eq(bookings.id, disputes.bookingId))
    .leftJoin(client, eq(client.id, bookings.clientId))
    .leftJoin(providerProfiles, eq(providerProfiles.userId, bookings.providerId))
    .leftJoin(payouts, eq(payouts.bookingId, disputes.bookingId))
    .orderBy(desc(disputes.openedAt))
    .limit(200);
  const bookingIds = rows.map((r) => r.d.bookingId).filter((id): id is string => !!id);
  const invs = bookingIds.length
    ? await deps.db.select({ bookingId: invoices.bookingId, hostedUrl: invoices.hostedUrl, status: invoices.status }).from(invoices).where(and(inArray(invoices.bookingId, bookingIds), isNotNull(invoices.hostedUrl)))
    : [];
  return rows.map((r) => {
    const d = r.d;
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
      booking: d.bookingId && r.reference ? { id: d.bookingId, reference: r.reference, startsAt: iso(r.startsAt), status: r.bookingStatus } : null,
      client: r.clientName ? { name: r.clientName, email: r.clientEmail } : null,
      provider: r.providerName ? { name: r.providerName } : null,
      // A payout is held by the dispute when it is frozen, or already paid but marked for the admin.
      payout: r.payoutStatus ? { status: r.payoutStatus, holdReason: r.payoutHold, amount: r.payoutAmount ?? 0, frozen: r.payoutStatus === 'frozen' } : null,
      stripeUrl: stripeDashboardUrl(deps.stripe, { kind: 'disputes', id: d.stripeDisputeId }),
      invoiceUrl: invoice?.hostedUrl ?? null,
    };
  });
}

/** Jobs that need a look: failed (will retry), dead (gave up) and running past their lease. */
export async function adminJobs(deps: ServiceDeps) {
  const now = deps.now();
  const rows = await deps.db
    .select()
    .from(jobs)
    .where(or(inArray(jobs.status, ['failed', 'dead']), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now))))
    .orderBy(desc(jobs.updatedAt))
    .limit(200);
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
  const totals = await deps.db
    .select({ currency: ledgerEntries.currency, kind: ledgerEntries.kind, amount: sql<number>`sum(${ledgerEntries.amount})`, bookings: sql<number>`count(distinct ${ledgerEntries.bookingId})` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, accounts.stripe), isNotNull(ledgerEntries.bookingId)))
    .groupBy(ledgerEntries.currency, ledgerEntries.kind);
  const bookingsPer = await deps.db
    .select({ currency: ledgerEntries.currency, n: sql<number>`count(distinct ${ledgerEntries.bookingId})` })
    .from(ledgerEntries)
    .where(isNotNull(ledgerEntries.bookingId))
    .groupBy(ledgerEntries.currency);
  const transactions = await deps.db.select({ n: sql<number>`count(distinct ${ledgerEntries.txId})` }).from(ledgerEntries);
  const currencies = [...new Set([...totals.map((t) => t.currency), ...bookingsPer.map((b) => b.currency)])].sort();
  const diffBookings = [...new Set(report.differences.map((d) => d.bookingId).filter((id): id is string => !!id))];
  const diffRows = diffBookings.length ? await deps.db.select({ id: bookings.id, reference: bookings.reference, currency: bookings.currency }).from(bookings).where(inArray(bookings.id, diffBookings)) : [];
  const sumOf = (currency: string, kind: string) => Number(totals.find((t) => t.currency === currency && t.kind === kind)?.amount ?? 0);
  return {
    ranAt: deps.now().toISOString(),
    ...report,
    // Each difference with its booking's reference and currency, for reading the amounts.
    differences: report.differences.map((d) => {
      const b = diffRows.find((r) => r.id === d.bookingId);
      return { ...d, reference: b?.reference ?? null, currency: b?.currency ?? null };
    }),
    transactions: Number(transactions[0]?.n ?? 0),
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
