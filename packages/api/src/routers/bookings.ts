import { z } from 'zod';
import { bookingStatuses } from '@handled/core/booking';
import { declineReasonSchema } from '@handled/core/decline-reasons';
import { bookingRequestSchema, idSchema } from '@handled/core/schemas';
import { clientProcedure, providerProcedure, router, userProcedure } from '../trpc.ts';
import { commandBooking } from '../services/bookings/answer.ts';
import { listBookings } from '../services/bookings/lists.ts';
import { bookingView } from '../services/bookings/queries.ts';
import { requestBooking } from '../services/bookings/request-booking.ts';

const byId = z.object({ id: idSchema });

export const bookingsRouter = router({
  request: clientProcedure.input(bookingRequestSchema).mutation(async ({ ctx, input }) => {
    const booking = await requestBooking(ctx.deps, ctx.user.id, input);
    return bookingView(ctx.deps.db, ctx.user, booking.id, ctx.deps.now());
  }),
  mine: clientProcedure
    .input(z.object({ scope: z.enum(['upcoming', 'past', 'all']).default('upcoming') }))
    .query(({ ctx, input }) => listBookings(ctx.deps.db, { clientId: ctx.user.id, scope: input.scope }, ctx.deps.now())),
  forProvider: providerProcedure
    .input(
      z.object({
        scope: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
        statuses: z.array(z.enum(bookingStatuses)).max(10).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listBookings(ctx.deps.db, { providerId: ctx.user.id, scope: input.scope, ...(input.statuses ? { statuses: input.statuses } : {}) }, ctx.deps.now()),
    ),
  get: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => bookingView(ctx.deps.db, ctx.user, input.id, ctx.deps.now())),
  accept: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(byId)
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'accept' })),
  decline: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(byId.extend({ reason: declineReasonSchema }))
    .mutation(({ ctx, input }) => commandBooking(ctx.deps, ctx.user, input.id, { type: 'decline', reason: input.reason })),
});
