import { z } from 'zod';
import { adminProcedure, router } from '../trpc.ts';
import { reconcile } from '../services/payments/reconcile.ts';
import { listDisputes, paymentMonitoring, retryJob, stuckItems } from '../services/payments/views.ts';

/** Admin views of money: disputes, stuck items, webhook/job monitoring, reconciliation. */
export const adminPaymentsRouter = router({
  disputes: adminProcedure.query(({ ctx }) => listDisputes(ctx.deps)),
  stuck: adminProcedure.query(({ ctx }) => stuckItems(ctx.deps)),
  monitoring: adminProcedure.query(({ ctx }) => paymentMonitoring(ctx.deps)),
  retryJob: adminProcedure.input(z.object({ jobId: z.string().min(1).max(100) })).mutation(({ ctx, input }) => retryJob(ctx.deps, input.jobId)),
  /** Compares the ledger with Stripe; `differences` must be empty. */
  reconcile: adminProcedure.mutation(({ ctx }) => reconcile(ctx.deps.db, ctx.deps.stripe)),
});
