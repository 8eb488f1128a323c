import { DomainError } from '@handled/core/errors';
import { formatMoney } from '@handled/core/money';
import {
  defaultPlanPolicy,
  instalmentsRefusal,
  instalmentsThatFit,
  planDeadlines,
  planInstalments,
  type PaymentPlanPolicy,
  type PlanChoice,
} from '@handled/core/payments';
import type { DbOrTx } from '@handled/db';
import { draftPlanOf, dropDraftPlan, insertInstalments } from '../../repositories/instalments.ts';
import type { BookingRow } from '../../repositories/bookings.ts';
import type { ProviderRow } from '../../repositories/providers.ts';
import { planPolicy } from '../settings.ts';

/** Days an overdue instalment waits before the cancellation policy applies (never past the start: see `graceEndsAt`). */
export const overdueGraceDays = 3;

/** The deposit a provider asks for (basis points of the total), or null when the client may choose how to pay. */
export function requiredDepositBps(provider: Pick<ProviderRow, 'requiresUpfrontPayment' | 'depositBps'>): number | null {
  return provider.requiresUpfrontPayment && provider.depositBps > 0 && provider.depositBps < 10_000 ? provider.depositBps : null;
}

/** Why this booking cannot be split into instalments (too small, too soon), or null. */
export function instalmentsRefusedFor(
  booking: Pick<BookingRow, 'total' | 'startsAt' | 'currency'>,
  now: Date,
  policy: PaymentPlanPolicy = defaultPlanPolicy,
): string | null {
  return instalmentsRefusal(booking.total, now, booking.startsAt, policy, (amount) => formatMoney({ amount, currency: booking.currency }));
}

/** When the payments of a booking's plan fall due if the invoice is issued at `now`, in the client's zone. */
export function deadlinesFor(
  booking: Pick<BookingRow, 'startsAt'>,
  now: Date,
  zone: string,
  maxDays: number,
  instalments = false,
  policy: PaymentPlanPolicy = defaultPlanPolicy,
) {
  return planDeadlines(now, booking.startsAt, zone, { maxDays, policy, instalments });
}

/** How many instalments this booking may be split into now (1: paid in full): a week apart, all before the job. */
export function instalmentsAllowed(
  booking: Pick<BookingRow, 'total' | 'startsAt' | 'currency'>,
  now: Date,
  zone: string,
  maxDays: number,
  policy: PaymentPlanPolicy = defaultPlanPolicy,
) {
  if (instalmentsRefusedFor(booking, now, policy)) return 1;
  const d = deadlinesFor(booking, now, zone, maxDays, true, policy);
  return instalmentsThatFit(d.firstDueAt, d.lastDueAt, policy);
}

/**
 * The plan a booking pays by: the provider's deposit when they ask for one (it cannot be split),
 * else the client's choice — as many of the instalments she chose as still fit before the job —
 * else in full.
 */
export async function planChoiceFor(
  db: DbOrTx,
  booking: BookingRow,
  provider: ProviderRow,
  now: Date,
  ctx: { zone: string; maxDays: number },
): Promise<PlanChoice> {
  const depositBps = requiredDepositBps(provider);
  if (depositBps) return { kind: 'deposit', depositBps };
  const chosen = await draftPlanOf(db, booking.id);
  const count = Math.min(chosen.length, instalmentsAllowed(booking, now, ctx.zone, ctx.maxDays, await planPolicy(db)));
  return count > 1 ? { kind: 'instalments', count } : { kind: 'full' };
}

/**
 * The client asks to split a requested booking into instalments (before the invoice is made).
 * Stored as rows without an invoice; the invoice job turns them into the real schedule.
 */
export async function choosePlan(tx: DbOrTx, booking: BookingRow, count: number, now: Date, ctx: { zone: string; maxDays: number }) {
  if (booking.status !== 'requested')
    throw new DomainError('ILLEGAL_TRANSITION', 'The payment plan is chosen before the provider accepts the booking.');
  if (count > 1) {
    const policy = await planPolicy(tx);
    const refused = instalmentsRefusedFor(booking, now, policy);
    if (refused) throw new DomainError('INVALID_INPUT', `${refused} This booking is paid in full.`, { field: 'instalments' });
    const fit = instalmentsAllowed(booking, now, ctx.zone, ctx.maxDays, policy);
    if (count > fit)
      throw new DomainError(
        'INVALID_INPUT',
        `Only ${fit} payments, ${policy.minGapDays} days apart, fit before this job; choose ${fit} or fewer.`,
        { field: 'instalments' },
      );
  }
  const plan = planInstalments(count === 1 ? { kind: 'full' } : { kind: 'instalments', count }, {
    total: booking.price.total,
    ...deadlinesFor(booking, now, ctx.zone, ctx.maxDays, count > 1),
    zone: ctx.zone,
  });
  await dropDraftPlan(tx, booking.id);
  await insertInstalments(
    tx,
    plan.map((p) => ({
      bookingId: booking.id,
      seq: p.seq,
      kind: p.kind,
      amount: p.amount,
      currency: booking.currency,
      dueAt: p.dueAt,
      status: 'scheduled' as const,
    })),
  );
  return plan;
}
