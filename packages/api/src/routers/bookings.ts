import { z } from 'zod';
import { bookingStatuses } from '@handled/core/booking';
import { declineReasonSchema } from '@handled/core/decline-reasons';
import { bookingRequestSchema, idSchema } from '@handled/core/schemas';
import { clientProcedure, providerProcedure, router, userProcedure } from '../trpc.ts';
import { commandBooking } from '../services/bookings/answer.ts';
import { jobHistory, jobsToday } from '../services/bookings/history.ts';
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
      listBookings(
        ctx.deps.db,
        { providerId: ctx.user.id, scope: input.scope, ...(input.statuses ? { statuses: input.statuses } : {}) },
        ctx.deps.now(),
      ),
    ),
  /** The provider's jobs searched and filtered: words, client, statuses, dates (provider's zone), total; one page. */
  history: providerProcedure
    .input(
      z.object({
        q: z.string().trim().max(100).optional(),
        clientId: idSchema.optional(),
        statuses: z.array(z.enum(bookingStatuses)).max(10).optional(),
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        minTotal: z.number().int().min(0).max(1e10).optional(),
        maxTotal: z.number().int().min(0).max(1e10).optional(),
        scope: z.enum(['past', 'upcoming', 'all']).default('past'),
        offset: z.number().int().min(0).max(100_000).default(0),
        limit: z.number().int().min(1).max(100).default(30),
      }),
    )
    .query(({ ctx, input }) => jobHistory(ctx.deps, ctx.user, input)),
  /** The provider's jobs on their today (their zone, the server's clock), with the server's time. */
  today: providerProcedure.query(({ ctx }) => jobsToday(ctx.deps, ctx.user)),
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
