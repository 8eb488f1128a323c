import { z } from 'zod';
import { adminProcedure, router } from '../trpc.ts';
import { adminDisputes, adminJobs, adminOverview, adminReconcile } from '../services/payments/admin-views.ts';
import { paymentMonitoring, retryJob, stuckItems } from '../services/payments/views.ts';

/** Admin views of money: disputes, stuck items, webhook/job monitoring, reconciliation. */
export const adminPaymentsRouter = router({
  /** The monitoring overview: webhooks, job queue, overdue payments, payouts waiting, open disputes. */
  overview: adminProcedure.query(({ ctx }) => adminOverview(ctx.deps)),
  /** Card disputes, newest first, with booking, people, payout hold and Stripe links. */
  disputes: adminProcedure.query(({ ctx }) => adminDisputes(ctx.deps)),
  stuck: adminProcedure.query(({ ctx }) => stuckItems(ctx.deps)),
  monitoring: adminProcedure.query(({ ctx }) => paymentMonitoring(ctx.deps)),
  /** Failed, dead and lease-expired jobs of every kind. */
  jobs: adminProcedure.query(({ ctx }) => adminJobs(ctx.deps)),
  retryJob: adminProcedure
    .input(z.object({ jobId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => retryJob(ctx.deps, input.jobId)),
  /** Compares the ledger with Stripe; `differences` must be empty. `compared` says what was checked. */
  reconcile: adminProcedure.mutation(({ ctx }) => adminReconcile(ctx.deps)),
});
