import { DomainError } from '@handled/core/errors';
import { planInstalments, type PlanChoice } from '@handled/core/payments';
import type { SessionUser } from '../../context.ts';
import type { BookingRow } from '../../repositories/bookings.ts';
import { findProvider, userById } from '../../repositories/providers.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { planPolicy } from '../settings.ts';
import { paymentsForBooking } from './views.ts';
import { choosePlan, deadlinesFor, instalmentsAllowed, instalmentsRefusedFor, planChoiceFor, requiredDepositBps } from './plan.ts';

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

/** The zone the client's due times are written in: theirs, as their account says. */
async function clientZone(deps: ServiceDeps, booking: BookingRow): Promise<string> {
  return (await userById(deps.db, booking.clientId))?.timeZone ?? booking.timeZone;
}

/**
 * How the client may pay a booking, with each option's payments (amounts and due dates) as the
 * invoice would schedule them if the provider accepted now: the provider's deposit when they ask
 * for one (the only option), else in full, and — for a booking big and far enough ahead (the fee
 * policy's plan threshold) — 2 to `maxInstalments` instalments, all due before the job starts.
 */
export async function planOptionsFor(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const provider = await findProvider(deps.db, booking.providerId);
  if (!provider) throw new DomainError('NOT_FOUND', 'We could not find the provider of that booking.');
  const now = deps.now();
  const zone = await clientZone(deps, booking);
  const depositBps = requiredDepositBps(provider);
  const maxDays = deps.config.invoiceDaysUntilDue;
  // The threshold in force (the operators' `limits` setting over the built-in policy).
  const policy = await planPolicy(deps.db);
  const deadlines = deadlinesFor(booking, now, zone, maxDays, false, policy);
  const instalmentsRefused = depositBps ? null : instalmentsRefusedFor(booking, now, policy);
  // As many as fit a week apart between the first (due sooner) and the last, before the job.
  const fit = depositBps || instalmentsRefused ? 1 : instalmentsAllowed(booking, now, zone, maxDays, policy);
  const choices: PlanChoice[] = depositBps
    ? [{ kind: 'deposit', depositBps }]
    : [{ kind: 'full' }, ...Array.from({ length: Math.max(0, fit - 1) }, (_, i) => ({ kind: 'instalments' as const, count: i + 2 }))];
  const ctxFor = (choice: PlanChoice) => ({
    total: booking.price.total,
    ...(choice.kind === 'instalments' ? deadlinesFor(booking, now, zone, maxDays, true, policy) : deadlines),
    zone,
  });
  const options = choices
    .map((choice) => ({
      key: keyOf(choice),
      kind: choice.kind,
      count: choice.kind === 'instalments' ? choice.count : null,
      payments: planInstalments(choice, ctxFor(choice)),
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
    /** Why the booking is paid in full rather than in instalments (too small, too soon), when it is. */
    instalmentsRefused:
      instalmentsRefused ??
      (depositBps || fit > 1 ? null : `Instalments need a week between payments; this job is too soon for that, so it is paid in full.`),
    current: keyOf(await planChoiceFor(deps.db, booking, provider, now, { zone, maxDays })),
    deposit: depositBps ? { bps: depositBps } : null,
    /** The zone the due times are meant in (the client's). */
    zone,
    /** When the last payment of any plan falls due: before the job, in time for a late one to be settled. */
    lastDueAt: deadlines.lastDueAt.toISOString(),
    maxInstalments: Math.max(1, ...options.map((o) => o.count ?? 1)),
    options,
  };
}

/** The client's choice, checked against the options (a provider's deposit cannot be split; small or close bookings are paid in full). */
export async function choosePlanFor(deps: ServiceDeps, user: SessionUser, input: { id: string; instalments: number }) {
  const booking = await loadOwnedBooking(deps.db, user, input.id);
  if (booking.clientId !== user.id) return paymentsForBooking(deps, user, input.id);
  const provider = await findProvider(deps.db, booking.providerId);
  const depositBps = provider ? requiredDepositBps(provider) : null;
  if (depositBps && input.instalments > 1)
    throw new DomainError(
      'INVALID_INPUT',
      `${provider?.displayName ?? 'The provider'} asks for a ${depositBps / 100}% deposit, so this booking cannot be split into instalments.`,
    );
  const zone = await clientZone(deps, booking);
  await deps.db.transaction((tx) =>
    choosePlan(tx, booking, input.instalments, deps.now(), { zone, maxDays: deps.config.invoiceDaysUntilDue }),
  );
  return paymentsForBooking(deps, user, input.id);
}
