import { DomainError } from '@handled/core/errors';
import { paymentDueAt, maxInstalments, planInstalments, type PlanChoice } from '@handled/core/payments';
import type { SessionUser } from '../../context.ts';
import type { BookingRow } from '../../repositories/bookings.ts';
import { findProvider } from '../../repositories/providers.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { paymentsForBooking } from './views.ts';
import { balanceDueDays, choosePlan, planChoiceFor, requiredDepositBps } from './plan.ts';

/** Days between instalments when the client splits the payment. */
export const instalmentIntervalDays = 14;

export type PlanOptionKey = 'full' | 'deposit' | `instalments-${number}`;

function keyOf(choice: PlanChoice): PlanOptionKey {
  return choice.kind === 'instalments' ? `instalments-${choice.count}` : choice.kind;
}

/** Why the plan cannot be chosen now, or null when it can. */
function closedReason(user: SessionUser, booking: BookingRow): string | null {
  if (user.id !== booking.clientId) return 'Only the client chooses how to pay.';
  if (booking.status !== 'requested') return 'The payment plan is chosen before the provider accepts the booking.';
  return null;
}

/**
 * How the client may pay a booking, with each option's payments (amounts and due dates) as the
 * invoice would schedule them if the provider accepted now: in full, the provider's deposit (when
 * they ask for one it is the only option), or 2 to `maxInstalments` instalments.
 */
export async function planOptionsFor(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const provider = await findProvider(deps.db, booking.providerId);
  if (!provider) throw new DomainError('NOT_FOUND', 'We could not find the provider of that booking.');
  const now = deps.now();
  const depositBps = requiredDepositBps(provider);
  const ctx = {
    total: booking.price.total,
    issuedAt: now,
    firstDueAt: paymentDueAt(now, booking.startsAt, { maxDays: deps.config.invoiceDaysUntilDue }),
    jobEndsAt: booking.endsAt,
    balanceDueDays,
  };
  const choices: PlanChoice[] = depositBps
    ? [{ kind: 'deposit', depositBps }]
    : [
        { kind: 'full' },
        ...Array.from({ length: maxInstalments - 1 }, (_, i) => ({
          kind: 'instalments' as const,
          count: i + 2,
          intervalDays: instalmentIntervalDays,
        })),
      ];
  const options = choices
    .map((choice) => ({
      key: keyOf(choice),
      kind: choice.kind,
      count: choice.kind === 'instalments' ? choice.count : null,
      payments: planInstalments(choice, ctx),
    }))
    // A total too small to split (no payment under Stripe's minimum) offers fewer instalments.
    .filter((o) => o.count === null || o.payments.length === o.count)
    .map((o) => ({
      ...o,
      payments: o.payments.map((p) => ({ seq: p.seq, kind: p.kind, amount: p.amount, dueAt: p.dueAt.toISOString() })),
    }));
  const reason = closedReason(user, booking);
  return {
    bookingId: booking.id,
    currency: booking.currency,
    total: booking.price.total,
    canChoose: reason === null && options.length > 1,
    closedReason: reason,
    current: keyOf(await planChoiceFor(deps.db, booking, provider)),
    deposit: depositBps ? { bps: depositBps, balanceDueDays } : null,
    maxInstalments: Math.max(1, ...options.map((o) => o.count ?? 1)),
    options,
  };
}

/** The client's choice, checked against the options (a provider's deposit cannot be split). */
export async function choosePlanFor(
  deps: ServiceDeps,
  user: SessionUser,
  input: { id: string; instalments: number; intervalDays?: number | undefined },
) {
  const booking = await loadOwnedBooking(deps.db, user, input.id);
  if (booking.clientId !== user.id) return paymentsForBooking(deps, user, input.id);
  const provider = await findProvider(deps.db, booking.providerId);
  const depositBps = provider ? requiredDepositBps(provider) : null;
  if (depositBps && input.instalments > 1)
    throw new DomainError(
      'INVALID_INPUT',
      `${provider?.displayName ?? 'The provider'} asks for a ${depositBps / 100}% deposit, so this booking cannot be split into instalments.`,
    );
  await deps.db.transaction((tx) => choosePlan(tx, booking, input.instalments, input.intervalDays ?? instalmentIntervalDays, deps.now()));
  return paymentsForBooking(deps, user, input.id);
}
