import { z } from 'zod';
import { idSchema } from '@handled/core/schemas/booking-request';
import { maxInstalments } from '@handled/core/payments/plan';
import { clientProcedure, router, userProcedure } from '../trpc.ts';
import { loadOwnedBooking } from '../services/bookings/queries.ts';
import { choosePlan } from '../services/payments/plan.ts';
import { paymentsForBooking } from '../services/payments/views.ts';

const byId = z.object({ id: idSchema });

/** What a booking costs and how it is paid: status, invoices, instalments, refunds (and the payout, for its provider). */
export const paymentsRouter = router({
  forBooking: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => paymentsForBooking(ctx.deps, ctx.user, input.id)),
  /** Split the total into up to four instalments (before the provider accepts). */
  choosePlan: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(byId.extend({ instalments: z.number().int().min(1).max(maxInstalments).default(2), intervalDays: z.number().int().min(1).max(31).default(14) }))
    .mutation(async ({ ctx, input }) => {
      const booking = await loadOwnedBooking(ctx.deps.db, ctx.user, input.id);
      if (booking.clientId !== ctx.user.id) return paymentsForBooking(ctx.deps, ctx.user, input.id);
      await ctx.deps.db.transaction((tx) => choosePlan(tx, booking, input.instalments, input.intervalDays, ctx.deps.now()));
      return paymentsForBooking(ctx.deps, ctx.user, input.id);
    }),
});
