import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { adminProcedure, clientProcedure, providerProcedure, router, userProcedure } from '../trpc.ts';
import { commandBooking } from '../services/bookings/answer.ts';
import { cancelBooking, cancellationQuoteFor, completeBooking, jobRecord, noShowQuoteFor } from '../services/bookings/lifecycle.ts';
import { saveProgress } from '../services/bookings/job-progress.ts';
import { addExpense, maxExpenseAmount, removeExpense } from '../services/bookings/expenses.ts';
import { receiptsOf } from '../services/receipts/receipts.ts';

const byId = z.object({ id: idSchema });
const optionalReason = z.string().trim().min(2, 'Say why, briefly').max(2000).optional();
const requiredReason = z.string().trim().min(2, 'Say why, briefly').max(2000);

/** The booking after it was requested: cancel, on my way, start, complete, confirm, problems, disputes. */
export const lifecycleRouter = router({
  /** The numbers to show before anyone confirms a cancellation (same math as `cancel`). */
  cancellationQuote: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => cancellationQuoteFor(ctx.deps, ctx.user, input.id)),
  /** Client, provider or admin. Pass the quote's fee as `expectedFee`: a changed fee refuses with the new one. */
  cancel: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId.extend({ reason: optionalReason, expectedFee: z.number().int().min(0).max(1e12).optional() }))
    .mutation(({ ctx, input }) => cancelBooking(ctx.deps, ctx.user, input)),
  onMyWay: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(byId)
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'mark_on_my_way' })),
  start: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(byId)
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'start' })),
  complete: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(
      byId.extend({
        actualHours: z.number().min(0.25).max(24).optional(),
        checklist: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
        notes: z.string().trim().max(5000).default(''),
      }),
    )
    .mutation(({ ctx, input }) => completeBooking(ctx.deps, ctx.user, input)),
  /**
   * While the job is in progress: materials the provider paid for, with the photo of the receipt
   * (uploaded first as `?kind=receipt`); completion adds them to the final invoice in full.
   */
  addExpense: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(
      byId.extend({
        description: z.string().trim().min(2, 'Say what it was, briefly').max(200),
        amount: z.number().int().min(1, 'Enter the amount on the receipt').max(maxExpenseAmount),
        receiptId: idSchema,
      }),
    )
    .mutation(({ ctx, input }) => addExpense(ctx.deps, ctx.user, input)),
  removeExpense: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(byId.extend({ expenseId: idSchema }))
    .mutation(({ ctx, input }) => removeExpense(ctx.deps, ctx.user, input)),
  /** While the job is in progress: checklist items as they are ticked, the notes so far (the desk sends these in order, also after working offline). */
  saveProgress: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(
      byId.extend({
        checklist: z
          .array(z.object({ item: z.string().trim().min(1).max(300), done: z.boolean() }))
          .max(50)
          .optional(),
        notes: z.string().trim().max(5000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => saveProgress(ctx.deps, ctx.user, input)),
  confirmCompletion: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(byId)
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'confirm_completion' })),
  raiseProblem: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(byId.extend({ reason: requiredReason }))
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'raise_problem', reason: input.reason })),
  /** What reporting a no-show would do and from when (the same transition as `reportNoShow`), shown before the report. */
  noShowQuote: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => noShowQuoteFor(ctx.deps, ctx.user, input.id)),
  /** By the provider (client absent) or the client (provider absent), after the grace period. */
  reportNoShow: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId.extend({ reason: optionalReason }))
    .mutation(({ ctx, input }) =>
      commandBooking(ctx.deps, ctx.user, input.id, { type: 'mark_no_show', ...(input.reason ? { reason: input.reason } : {}) }),
    ),
  resolveDispute: adminProcedure
    .meta({ access: 'admin', ownedBy: 'booking' })
    .input(byId.extend({ outcome: z.enum(['completed', 'cancelled']) }))
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'resolve_dispute', outcome: input.outcome })),
  /** Times, checklist, notes and the confirmation window, for both dashboards. */
  job: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => jobRecord(ctx.deps, ctx.user, input.id)),
  /** The booking's receipts, newest first; `url` (GET /receipts/:bookingId.pdf) serves the newest. */
  receipts: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => receiptsOf(ctx.deps, ctx.user, input.id)),
});
