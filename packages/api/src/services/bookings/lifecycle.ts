import { allowedCommands, defaultBookingRules, quoteCancellation, transition, type BookingCommand } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import { formatMoney } from '@handled/core/money';
import { repriceBooking, withExpenses } from '@handled/core';
import type { SessionUser } from '../../context.ts';
import { amountPaidFor } from '../../repositories/bookings.ts';
import { expensesOfBooking, expensesTotalOf } from '../../repositories/expenses.ts';
import { expenseView } from './expenses.ts';
import { findCategory } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { applyCommand } from './apply-command.ts';
import { actorOf, bookingView, loadOwnedBooking } from './queries.ts';
import { toSnapshot } from './snapshot.ts';

/**
 * What cancelling this booking now would cost the person asking — the numbers the dialog shows
 * before "Cancel booking", computed by the same core function the cancellation is settled with.
 */
export async function cancellationQuoteFor(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const now = deps.now();
  const snapshot = toSnapshot(booking, await amountPaidFor(deps.db, booking.id));
  const quote = quoteCancellation(snapshot, actorOf(user, booking), now);
  const fmt = (amount: number) => formatMoney({ amount, currency: booking.currency });
  if (!quote) return { allowed: false as const, currency: booking.currency, policy: snapshot.policy.name, quotedAt: now.toISOString() };
  return {
    allowed: true as const,
    currency: booking.currency,
    policy: snapshot.policy.name,
    quotedAt: now.toISOString(),
    fee: quote.fee,
    refund: quote.refund,
    charge: quote.charge,
    feeBps: quote.feeBps,
    /** What the provider receives of the fee (the fee less the platform's commission). */
    providerShare: quote.providerShare,
    amountPaid: snapshot.amountPaid ?? 0,
    freeUntil: quote.freeUntil?.toISOString() ?? null,
    explanation: quote.explanation,
    formatted: { fee: fmt(quote.fee), refund: fmt(quote.refund), charge: fmt(quote.charge), providerShare: fmt(quote.providerShare) },
  };
}

/**
 * What reporting the other side as a no-show would do, shown before the person reports it: when
 * it becomes possible (the start plus the grace period), and the money — worked out by the same
 * transition the report is applied with (the client gets back everything paid; a client's absence
 * costs what a cancellation then would).
 */
export async function noShowQuoteFor(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const now = deps.now();
  const snapshot = toSnapshot(booking, await amountPaidFor(deps.db, booking.id));
  const actor = actorOf(user, booking);
  const opensAt = new Date(booking.startsAt.getTime() + defaultBookingRules.noShowGraceMinutes * 60_000);
  const fmt = (amount: number) => formatMoney({ amount, currency: booking.currency });
  const base = {
    currency: booking.currency,
    opensAt: opensAt.toISOString(),
    graceMinutes: defaultBookingRules.noShowGraceMinutes,
    quotedAt: now.toISOString(),
  };
  // Only the booking's two sides report each other; admins settle through disputes.
  const side = actor.kind === 'client' || actor.kind === 'provider' ? actor.kind : null;
  if (!side || booking.status !== 'confirmed')
    return {
      ...base,
      allowed: false as const,
      reason: 'A no-show can be reported only on a confirmed booking, by its client or provider.',
    };
  if (!allowedCommands(snapshot, actor, now).includes('mark_no_show'))
    return {
      ...base,
      allowed: false as const,
      reason: `You can report a no-show from ${defaultBookingRules.noShowGraceMinutes} minutes after the start.`,
    };
  const result = transition(snapshot, { type: 'mark_no_show' }, actor, now);
  const refund = result.patch.refundAmount ?? 0;
  const fee = result.patch.cancellationFee ?? 0;
  const paid = snapshot.amountPaid ?? 0;
  return {
    ...base,
    allowed: true as const,
    refund,
    fee,
    amountPaid: paid,
    formatted: { refund: fmt(refund), fee: fmt(fee), amountPaid: fmt(paid) },
    explanation:
      side === 'client'
        ? `The booking closes and ${refund > 0 ? `${fmt(refund)} — everything you paid — goes back to your card` : 'nothing is charged'}. The missed job is recorded on the provider's reliability.`
        : `The booking closes${fee > 0 ? ` and the client owes ${fmt(fee)} under your cancellation policy` : ' with no fee under your cancellation policy'}.`,
  };
}

/**
 * Cancels with the fee the person agreed to. The fee is computed again inside the write
 * transaction; if it no longer matches what they were shown (a policy threshold passed while
 * the dialog was open), nothing changes and they are shown the new numbers.
 */
export async function cancelBooking(
  deps: ServiceDeps,
  user: SessionUser,
  input: { id: string; reason?: string | undefined; expectedFee?: number | undefined },
) {
  const now = deps.now();
  const booking = await deps.db.transaction(async (tx) => {
    const current = await loadOwnedBooking(tx, user, input.id);
    const actor = actorOf(user, current);
    if (input.expectedFee !== undefined) {
      const quote = quoteCancellation(toSnapshot(current, await amountPaidFor(tx, current.id)), actor, now);
      if (quote && quote.fee !== input.expectedFee)
        throw new DomainError(
          'STALE_VERSION',
          `The cancellation fee is now ${formatMoney({ amount: quote.fee, currency: current.currency })}. ${quote.explanation}`,
          {
            fee: quote.fee,
            refund: quote.refund,
            charge: quote.charge,
          },
        );
    }
    const command: BookingCommand = { type: 'cancel', ...(input.reason ? { reason: input.reason } : {}) };
    return (await applyCommand(tx, current, command, actor, now)).booking;
  });
  return bookingView(deps.db, user, booking.id, now);
}

export interface CompletionInput {
  id: string;
  /** Hours actually worked, in quarter hours' steps; defaults to the booked estimate. */
  actualHours?: number | undefined;
  /** The checklist items (from the category's template) the provider ticked. */
  checklist: string[];
  notes: string;
}

/**
 * The provider marks the job done: every item of the category's quality checklist must be
 * ticked, the actual hours are recorded, and when they differ from the estimate an
 * `invoice.reprice` job carries the old and new totals to the payments side.
 */
export async function completeBooking(deps: ServiceDeps, user: SessionUser, input: CompletionInput) {
  const now = deps.now();
  const booking = await deps.db.transaction(async (tx) => {
    const current = await loadOwnedBooking(tx, user, input.id);
    const category = await findCategory(tx, current.categoryId);
    const template = category?.checklist ?? [];
    const ticked = new Set(input.checklist.map((s) => s.trim()));
    const unknown = [...ticked].filter((t) => !template.includes(t));
    if (unknown.length > 0)
      throw new DomainError('INVALID_INPUT', `"${unknown[0]}" is not on the ${category?.name ?? ''} checklist.`, {
        field: 'checklist',
        unknown,
      });
    const missing = template.filter((item) => !ticked.has(item));
    if (missing.length > 0 && current.status === 'in_progress')
      throw new DomainError('INVALID_INPUT', `Tick every checklist item before completing: ${missing.join('; ')}.`, {
        field: 'checklist',
        missing,
      });

    const actualQuarterHours = input.actualHours !== undefined ? Math.round(input.actualHours * 4) : current.estimatedQuarterHours;
    if (input.actualHours !== undefined && actualQuarterHours !== input.actualHours * 4)
      throw new DomainError('INVALID_INPUT', 'Record the time worked in quarter hours (e.g. 2.25).', { field: 'actualHours' });
    // The final price: the hours worked, and the materials the provider paid for (in full, no fee).
    const expenses = await expensesTotalOf(tx, current.id);
    const final = withExpenses(
      actualQuarterHours !== current.estimatedQuarterHours ? repriceBooking(current.price, actualQuarterHours / 4) : current.price,
      expenses,
    );
    const repriced = final.total !== current.price.total;
    // The machine's patch writes completedAt and actualQuarterHours; the checklist, notes and final price are the form's.
    const { booking: updated, event } = await applyCommand(
      tx,
      current,
      { type: 'complete', actualQuarterHours },
      actorOf(user, current),
      now,
      {
        checklist: template.map((item) => ({ item, done: ticked.has(item) })),
        completionNotes: input.notes.trim(),
        ...(repriced ? { price: final, total: final.total } : {}),
      },
    );
    if (repriced) {
      await enqueue(
        tx,
        {
          type: 'invoice.reprice',
          payload: {
            bookingId: current.id,
            eventId: event.id,
            reason: actualQuarterHours !== current.estimatedQuarterHours ? 'actual_hours' : 'expenses',
            oldTotal: current.price.total,
            newTotal: final.total,
            oldQuarterHours: current.estimatedQuarterHours,
            newQuarterHours: actualQuarterHours,
            price: final,
          },
          key: `invoice.reprice:${current.id}:${event.id}`,
        },
        now,
      );
    }
    return updated;
  });
  return bookingView(deps.db, user, booking.id, now);
}

/** The job's documentation for both dashboards: times, checklist, notes, windows, photos count. */
export async function jobRecord(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const b = await loadOwnedBooking(deps.db, user, bookingId);
  const category = await findCategory(deps.db, b.categoryId);
  const template = category?.checklist ?? [];
  const ticks = new Map((b.checklist ?? []).map((c) => [c.item, c.done]));
  const windowEnd = b.completedAt ? new Date(b.completedAt.getTime() + defaultBookingRules.confirmationWindowHours * 3_600_000) : null;
  return {
    id: b.id,
    status: b.status,
    onMyWayAt: b.onMyWayAt?.toISOString() ?? null,
    startedAt: b.startedAt?.toISOString() ?? null,
    completedAt: b.completedAt?.toISOString() ?? null,
    clientConfirmedAt: b.clientConfirmedAt?.toISOString() ?? null,
    /** Until when the client may confirm or raise a problem; afterwards the system confirms. */
    confirmationDeadline: windowEnd?.toISOString() ?? null,
    estimatedHours: b.estimatedQuarterHours / 4,
    actualHours: b.actualQuarterHours === null ? null : b.actualQuarterHours / 4,
    checklist: template.map((item) => ({ item, done: ticks.get(item) ?? false })),
    completionNotes: b.completionNotes,
    cancellationFee: b.cancellationFee,
    cancelledBy: b.cancelledBy,
    /** Materials the provider paid for, each with its receipt; in the final invoice once completed. */
    expenses: (await expensesOfBooking(deps.db, b.id)).map(expenseView),
  };
}
