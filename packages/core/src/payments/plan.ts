import { DAY_MS } from '../durations.ts';

/**
 * What a client pays for a booking, and when: the whole amount, a deposit now and the balance
 * after the job, or up to `maxInstalments` instalments. Amounts are minor units and always add up
 * to the invoice total exactly.
 */
export type PlanChoice =
  { kind: 'full' } | { kind: 'deposit'; depositBps: number } | { kind: 'instalments'; count: number; intervalDays: number };

export interface PlannedInstalment {
  seq: number;
  kind: 'full' | 'deposit' | 'balance' | 'instalment';
  amount: number;
  dueAt: Date;
}

export const maxInstalments = 4;
/** Stripe's smallest charge (USD 0.50): no instalment is smaller. */
export const minInstalmentAmount = 50;

export interface PlanContext {
  total: number;
  /** When the invoice is issued (the first payment is due now-ish). */
  issuedAt: Date;
  /** Due date of an upfront payment (before the service). */
  firstDueAt: Date;
  /** When the job ends: a deposit's balance is due some days after. */
  jobEndsAt: Date;
  balanceDueDays: number;
}

export function planInstalments(choice: PlanChoice, ctx: PlanContext): PlannedInstalment[] {
  if (!Number.isSafeInteger(ctx.total) || ctx.total <= 0) throw new RangeError('The total must be a positive whole number');
  if (choice.kind === 'full') return [{ seq: 1, kind: 'full', amount: ctx.total, dueAt: ctx.firstDueAt }];
  if (choice.kind === 'deposit') {
    if (!Number.isInteger(choice.depositBps) || choice.depositBps <= 0 || choice.depositBps > 10_000)
      throw new RangeError('A deposit is 0.01%–100% of the total');
    const deposit = Math.round((ctx.total * choice.depositBps) / 10_000);
    const balance = ctx.total - deposit;
    if (balance < minInstalmentAmount || deposit < minInstalmentAmount)
      return [{ seq: 1, kind: 'full', amount: ctx.total, dueAt: ctx.firstDueAt }];
    return [
      { seq: 1, kind: 'deposit', amount: deposit, dueAt: ctx.firstDueAt },
      { seq: 2, kind: 'balance', amount: balance, dueAt: new Date(ctx.jobEndsAt.getTime() + ctx.balanceDueDays * DAY_MS) },
    ];
  }
  if (!Number.isInteger(choice.count) || choice.count < 1 || choice.count > maxInstalments)
    throw new RangeError(`Between 1 and ${maxInstalments} instalments`);
  if (!Number.isInteger(choice.intervalDays) || choice.intervalDays < 1 || choice.intervalDays > 31)
    throw new RangeError('Instalments are 1–31 days apart');
  const count = Math.max(1, Math.min(choice.count, Math.floor(ctx.total / minInstalmentAmount)));
  if (count === 1) return [{ seq: 1, kind: 'full', amount: ctx.total, dueAt: ctx.firstDueAt }];
  // Even split; the remainder cents go to the first instalments, so amounts differ by at most 1.
  const base = Math.floor(ctx.total / count);
  const extra = ctx.total - base * count;
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    kind: 'instalment' as const,
    amount: base + (i < extra ? 1 : 0),
    dueAt: new Date(ctx.firstDueAt.getTime() + i * choice.intervalDays * DAY_MS),
  }));
}

export type InstalmentStatus = 'scheduled' | 'open' | 'paid' | 'failed' | 'overdue' | 'void' | 'refunded';

/** An unpaid instalment past its due date is overdue; past `graceDays` more, the policy applies. */
export function instalmentStanding(
  i: { status: InstalmentStatus; dueAt: Date },
  now: Date,
  graceDays: number,
): 'settled' | 'not_due' | 'overdue' | 'past_grace' {
  if (i.status === 'paid' || i.status === 'void' || i.status === 'refunded') return 'settled';
  if (now.getTime() <= i.dueAt.getTime()) return 'not_due';
  return now.getTime() > i.dueAt.getTime() + graceDays * DAY_MS ? 'past_grace' : 'overdue';
}

export type StoredPaymentStatus = 'open' | 'partially_paid' | 'paid' | 'failed' | 'void' | 'refunded';

/** The payment status stored on the booking and invoice (the state machine reads it). */
export function paymentStatusOf(
  inv: { status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void'; total: number; amountPaid: number; amountRefunded: number },
  instalments: { status: InstalmentStatus }[],
): StoredPaymentStatus {
  if (inv.amountRefunded > 0 && inv.amountRefunded >= inv.amountPaid && inv.amountPaid > 0) return 'refunded';
  if (inv.status === 'void') return 'void';
  if (inv.status === 'paid' || (inv.amountPaid >= inv.total && inv.total > 0)) return 'paid';
  if (inv.amountPaid > 0) return 'partially_paid';
  if (instalments.some((i) => i.status === 'failed')) return 'failed';
  return 'open';
}

/** What both sides see: the stored status, or `overdue` while an instalment is late. */
export function paymentDisplayStatus(
  stored: StoredPaymentStatus,
  instalments: { status: InstalmentStatus }[],
): StoredPaymentStatus | 'overdue' {
  if ((stored === 'open' || stored === 'partially_paid' || stored === 'failed') && instalments.some((i) => i.status === 'overdue'))
    return 'overdue';
  return stored;
}
