import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { maxInstalments } from '@handled/core/payments';
import { clientProcedure, router, userProcedure } from '../trpc.ts';
import { choosePlanFor, instalmentIntervalDays, planOptionsFor } from '../services/payments/plan-options.ts';
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
  /** Pay in full (1) or split the total into up to four instalments (before the provider accepts). */
  choosePlan: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(
      byId.extend({
        instalments: z.number().int().min(1).max(maxInstalments).default(2),
        intervalDays: z.number().int().min(1).max(31).default(instalmentIntervalDays),
      }),
    )
    .mutation(({ ctx, input }) => choosePlanFor(ctx.deps, ctx.user, input)),
});
