import { DomainError } from '@handled/core/errors';
import { formatMoney } from '@handled/core/money';
import type { SessionUser } from '../../context.ts';
import { attachmentById } from '../../repositories/attachments.ts';
import { insertBookingEvent, type BookingRow } from '../../repositories/bookings.ts';
import {
  countExpensesOf,
  deleteExpense,
  expenseById,
  expensesOfBooking,
  insertExpense,
  type ExpenseRow,
} from '../../repositories/expenses.ts';
import type { ServiceDeps } from '../deps.ts';
import { loadOwnedBooking } from './queries.ts';

const maxExpensesPerBooking = 20;
/** One receipt's largest amount (minor units): a typo guard, not a policy. */
export const maxExpenseAmount = 500_000;

/** An expense as both sides see it: what, how much, and the receipt's photo (through the authorized file route). */
export function expenseView(e: ExpenseRow) {
  return {
    id: e.id,
    description: e.description,
    amount: e.amount,
    currency: e.currency,
    receiptUrl: `/attachments/${e.receiptId}`,
    receiptThumbUrl: `/attachments/${e.receiptId}/thumb`,
    createdAt: e.createdAt.toISOString(),
  };
}

function providerOnTheJob(user: SessionUser, booking: BookingRow) {
  if (booking.providerId !== user.id) throw new DomainError('FORBIDDEN', 'Only the provider of this booking adds materials and expenses.');
  if (booking.status !== 'in_progress')
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      'Materials and expenses are added while the job is in progress; they are added to the final invoice when you complete it.',
      { status: booking.status },
    );
}

/** A booking's materials and expenses, for its client, provider or an admin. */
export async function listExpenses(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  return (await expensesOfBooking(deps.db, booking.id)).map(expenseView);
}

/**
 * The provider adds what they paid for the job's materials, with the photo of its receipt
 * (uploaded first: `POST /uploads/bookings/:id?kind=receipt`). It goes to the client's final
 * invoice in full when the job is completed — no fee, no commission — and to the provider's payout.
 */
export async function addExpense(
  deps: ServiceDeps,
  user: SessionUser,
  input: { id: string; description: string; amount: number; receiptId: string },
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const booking = await loadOwnedBooking(tx, user, input.id);
    providerOnTheJob(user, booking);
    const receipt = await attachmentById(tx, input.receiptId);
    if (!receipt || receipt.bookingId !== booking.id || receipt.kind !== 'receipt' || receipt.uploaderId !== user.id)
      throw new DomainError('INVALID_INPUT', 'Add a photo of the receipt first (it must be one you uploaded for this job).', {
        field: 'receiptId',
      });
    const existing = await expensesOfBooking(tx, booking.id);
    if (existing.some((e) => e.receiptId === receipt.id))
      throw new DomainError('INVALID_INPUT', 'That receipt is already on an expense.', { field: 'receiptId' });
    if ((await countExpensesOf(tx, booking.id)) >= maxExpensesPerBooking)
      throw new DomainError('INVALID_INPUT', `A job can have at most ${maxExpensesPerBooking} expenses.`);
    const description = input.description.trim();
    const row = await insertExpense(tx, {
      bookingId: booking.id,
      description,
      amount: input.amount,
      currency: booking.currency,
      receiptId: receipt.id,
      createdAt: now,
    });
    await insertBookingEvent(tx, {
      bookingId: booking.id,
      type: 'booking.expense_added',
      fromStatus: booking.status,
      toStatus: booking.status,
      actorKind: 'provider',
      actorId: user.id,
      reason: `${description}: ${formatMoney({ amount: input.amount, currency: booking.currency })}`,
      data: { expenseId: row.id, amount: input.amount, receiptId: receipt.id },
      at: now,
    });
    return expenseView(row);
  });
}

/** The provider takes an expense off again (before completing). */
export async function removeExpense(deps: ServiceDeps, user: SessionUser, input: { id: string; expenseId: string }) {
  return deps.db.transaction(async (tx) => {
    const booking = await loadOwnedBooking(tx, user, input.id);
    providerOnTheJob(user, booking);
    const row = await expenseById(tx, input.expenseId);
    if (!row || row.bookingId !== booking.id) throw new DomainError('NOT_FOUND', 'That expense is not on this booking.');
    await deleteExpense(tx, row.id);
    return (await expensesOfBooking(tx, booking.id)).map(expenseView);
  });
}
