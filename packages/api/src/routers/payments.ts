import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { maxInstalments } from '@handled/core/payments';
import { clientProcedure, router, userProcedure } from '../trpc.ts';
import { choosePlanFor, planOptionsFor } from '../services/payments/plan-options.ts';
import { offerTip } from '../services/payments/tips.ts';
import { paymentsForBooking } from '../services/payments/views.ts';

const byId = z.object({ id: idSchema });

/** What a booking costs and how it is paid: status, invoices, instalments, refunds (and the payout, for its provider). */
export const paymentsRouter = router({
  forBooking: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => paymentsForBooking(ctx.deps, ctx.user, input.id)),
  /** The ways the client may pay (with each payment's amount and due date) and whether they may still choose. */
  planOptions: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => planOptionsFor(ctx.deps, ctx.user, input.id)),
  /**
   * Pay in full (1) or split the total into up to four instalments (before the provider accepts),
   * where the booking qualifies; the payments are spread from the first due time to the last, all before the job.
   */
  choosePlan: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(byId.extend({ instalments: z.number().int().min(1).max(maxInstalments).default(2) }))
    .mutation(({ ctx, input }) => choosePlanFor(ctx.deps, ctx.user, input)),
  /**
   * After the job, the client tips the provider (all of it goes to them, no fee): an invoice of its
   * own whose page the client pays. Again with another amount replaces the unpaid one.
   */
  tip: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(byId.extend({ amount: z.number().int().min(1).max(10_000_000) }))
    .mutation(({ ctx, input }) => offerTip(ctx.deps, ctx.user, input)),
});
