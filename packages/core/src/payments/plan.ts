import { DAY_MS, HOUR_MS } from '../durations.ts';
import type { PaymentPlanPolicy } from '../fees.ts';
import { localToUtc, toLocalMs } from '../availability/zone.ts';
import { dueOnBoundary, paymentDueAt } from '../payment-deadline.ts';

/**
 * What a client pays for a booking, and when: the whole amount, the provider's deposit now and the
 * balance before the job, or 2 to `maxInstalments` instalments. Every payment falls due before the
 * job starts — the last one no later than the plan's last due time, well before the start, so an
 * unpaid one can still cancel a job that has not happened. Amounts are minor units and always add
 * up to the invoice total exactly.
 */
export type PlanChoice = { kind: 'full' } | { kind: 'deposit'; depositBps: number } | { kind: 'instalments'; count: number };

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
  /** When the first payment is due (see `planDeadlines`). */
  firstDueAt: Date;
  /** When the last payment is due at the latest (see `planDeadlines`); never before `firstDueAt`. */
  lastDueAt: Date;
  /** The client's zone: payments between the first and the last fall due at the first's time of day there. */
  zone: string;
}

/**
 * When a plan's payments fall due, for a booking starting at `startsAt` whose invoice is issued at
 * `now`: the first by the usual payment deadline (`maxDays` to pay — fewer for instalments — and
 * before the start), the last `policy.lastDueHoursBeforeStart` before the start — or, when the
 * job is too close for that, by the payment deadline before the start. Both on the policy's hour
 * of the client's day where there is time for it.
 */
export function planDeadlines(
  now: Date,
  startsAt: Date,
  zone: string,
  opts: {
    maxDays: number;
    policy: Pick<PaymentPlanPolicy, 'lastDueHoursBeforeStart' | 'dueHour' | 'firstDueDays'>;
    /** For instalments: the first is due within the policy's `firstDueDays`, so the rest fit before the job. */
    instalments?: boolean;
  },
): { firstDueAt: Date; lastDueAt: Date } {
  const maxDays = opts.instalments ? Math.min(opts.maxDays, opts.policy.firstDueDays) : opts.maxDays;
  // At least half a day to pay, unless the deadline itself is sooner.
  const target = paymentDueAt(now, startsAt, { maxDays });
  const firstDueAt = dueOnBoundary(target, zone, {
    hour: opts.policy.dueHour,
    earliest: new Date(Math.min(now.getTime() + 12 * HOUR_MS, target.getTime())),
  });
  const deadline = paymentDueAt(now, startsAt, { maxDays: 3650 });
  const planned = new Date(startsAt.getTime() - opts.policy.lastDueHoursBeforeStart * HOUR_MS);
  const last = dueOnBoundary(planned.getTime() > firstDueAt.getTime() ? planned : deadline, zone, {
    hour: opts.policy.dueHour,
    earliest: firstDueAt,
  });
  return { firstDueAt, lastDueAt: last.getTime() < firstDueAt.getTime() ? firstDueAt : last };
}

/** How many instalments fit between the first due time and the last, `minGapDays` apart (at most `maxInstalments`). */
export function instalmentsThatFit(firstDueAt: Date, lastDueAt: Date, policy: Pick<PaymentPlanPolicy, 'minGapDays'>): number {
  const span = Math.max(0, lastDueAt.getTime() - firstDueAt.getTime());
  // A boundary of the client's day can move a due time by up to an hour across a clock change.
  return Math.min(maxInstalments, 1 + Math.floor((span + HOUR_MS) / (policy.minGapDays * DAY_MS)));
}

/**
 * Whether a booking may be split into instalments: a total of at least `minTotal` and a start at
 * least `minLeadDays` away. Returns why not, or null.
 */
export function instalmentsRefusal(
  total: number,
  now: Date,
  startsAt: Date,
  policy: Pick<PaymentPlanPolicy, 'minTotal' | 'minLeadDays'>,
  formatAmount: (amount: number) => string,
): string | null {
  if (total < policy.minTotal) return `Instalments are offered on bookings of ${formatAmount(policy.minTotal)} or more.`;
  if (startsAt.getTime() - now.getTime() < policy.minLeadDays * DAY_MS)
    return `Instalments are offered on bookings at least ${policy.minLeadDays} days ahead.`;
  return null;
}

export function planInstalments(choice: PlanChoice, ctx: PlanContext): PlannedInstalment[] {
  if (!Number.isSafeInteger(ctx.total) || ctx.total <= 0) throw new RangeError('The total must be a positive whole number');
  const first = ctx.firstDueAt;
  const last = ctx.lastDueAt.getTime() < first.getTime() ? first : ctx.lastDueAt;
  const full = (): PlannedInstalment[] => [{ seq: 1, kind: 'full', amount: ctx.total, dueAt: first }];
  if (choice.kind === 'full') return full();
  if (choice.kind === 'deposit') {
    if (!Number.isInteger(choice.depositBps) || choice.depositBps <= 0 || choice.depositBps > 10_000)
      throw new RangeError('A deposit is 0.01%–100% of the total');
    const deposit = Math.round((ctx.total * choice.depositBps) / 10_000);
    const balance = ctx.total - deposit;
    if (balance < minInstalmentAmount || deposit < minInstalmentAmount) return full();
    return [
      { seq: 1, kind: 'deposit', amount: deposit, dueAt: first },
      { seq: 2, kind: 'balance', amount: balance, dueAt: last },
    ];
  }
  if (!Number.isInteger(choice.count) || choice.count < 1 || choice.count > maxInstalments)
    throw new RangeError(`Between 1 and ${maxInstalments} instalments`);
  const count = Math.max(1, Math.min(choice.count, Math.floor(ctx.total / minInstalmentAmount)));
  if (count === 1) return full();
  // Even split; the remainder cents go to the first instalments, so amounts differ by at most 1.
  const base = Math.floor(ctx.total / count);
  const extra = ctx.total - base * count;
  // From the first due time to the last, the ones between whole days apart at the first's time of the client's day.
  const localFirst = toLocalMs(ctx.zone, first.getTime());
  const day0 = Math.floor(localFirst / DAY_MS);
  const spanDays = Math.floor((last.getTime() - first.getTime() + HOUR_MS) / DAY_MS);
  const step = Math.floor(spanDays / (count - 1));
  let previous = first.getTime();
  return Array.from({ length: count }, (_, i) => {
    const at =
      i === 0
        ? first.getTime()
        : i === count - 1
          ? last.getTime()
          : Math.min(last.getTime(), localToUtc(ctx.zone, (day0 + i * step) * DAY_MS + (localFirst - day0 * DAY_MS)));
    previous = Math.max(previous, at);
    return { seq: i + 1, kind: 'instalment' as const, amount: base + (i < extra ? 1 : 0), dueAt: new Date(previous) };
  });
}

export type InstalmentStatus = 'scheduled' | 'open' | 'paid' | 'failed' | 'overdue' | 'void' | 'refunded';

/**
 * When an unpaid instalment's grace period ends and the cancellation policy applies: `graceDays`
 * after it was due, but never after the job's start — a job that went ahead is not cancelled.
 */
export function graceEndsAt(dueAt: Date, graceDays: number, startsAt?: Date | null): Date {
  const end = dueAt.getTime() + graceDays * DAY_MS;
  return new Date(startsAt && startsAt.getTime() > dueAt.getTime() ? Math.min(end, startsAt.getTime()) : end);
}

/** An unpaid instalment past its due date is overdue; past its grace (see `graceEndsAt`), the policy applies. */
export function instalmentStanding(
  i: { status: InstalmentStatus; dueAt: Date },
  now: Date,
  graceDays: number,
  startsAt?: Date | null,
): 'settled' | 'not_due' | 'overdue' | 'past_grace' {
  if (i.status === 'paid' || i.status === 'void' || i.status === 'refunded') return 'settled';
  if (now.getTime() <= i.dueAt.getTime()) return 'not_due';
  return now.getTime() > graceEndsAt(i.dueAt, graceDays, startsAt).getTime() ? 'past_grace' : 'overdue';
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
