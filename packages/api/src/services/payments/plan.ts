import { DomainError } from '@handled/core/errors';
import { planInstalments, type PlanChoice } from '@handled/core/payments';
import type { DbOrTx } from '@handled/db';
import { draftPlanOf, dropDraftPlan, insertInstalments } from '../../repositories/instalments.ts';
import type { BookingRow } from '../../repositories/bookings.ts';
import type { ProviderRow } from '../../repositories/providers.ts';
import { DAY_MS } from '@handled/core/durations';

/** Days after the job the balance of a deposit booking is due. */
export const balanceDueDays = 3;
/** Days an overdue instalment waits before the cancellation policy applies. */
export const overdueGraceDays = 3;

/** The deposit a provider asks for (basis points of the total), or null when the client may choose how to pay. */
export function requiredDepositBps(provider: Pick<ProviderRow, 'requiresUpfrontPayment' | 'depositBps'>): number | null {
  return provider.requiresUpfrontPayment && provider.depositBps > 0 && provider.depositBps < 10_000 ? provider.depositBps : null;
}

/** The plan a booking pays by: the provider's deposit when they ask for one (it cannot be split), else the client's choice, else in full. */
export async function planChoiceFor(db: DbOrTx, booking: BookingRow, provider: ProviderRow): Promise<PlanChoice> {
  const depositBps = requiredDepositBps(provider);
  if (depositBps) return { kind: 'deposit', depositBps };
  const chosen = await draftPlanOf(db, booking.id);
  if (chosen.length > 1) {
    const gap = chosen[1]!.dueAt.getTime() - chosen[0]!.dueAt.getTime();
    return { kind: 'instalments', count: chosen.length, intervalDays: Math.max(1, Math.round(gap / DAY_MS)) };
  }
  return { kind: 'full' };
}

/**
 * The client asks to split a requested booking into instalments (before the invoice is made).
 * Stored as rows without an invoice; the invoice job turns them into the real schedule.
 */
export async function choosePlan(tx: DbOrTx, booking: BookingRow, count: number, intervalDays: number, now: Date) {
  if (booking.status !== 'requested')
    throw new DomainError('ILLEGAL_TRANSITION', 'The payment plan is chosen before the provider accepts the booking.');
  const plan = planInstalments(count === 1 ? { kind: 'full' } : { kind: 'instalments', count, intervalDays }, {
    total: booking.price.total,
    issuedAt: now,
    firstDueAt: now,
    jobEndsAt: booking.endsAt,
    balanceDueDays,
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
