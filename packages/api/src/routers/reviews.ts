import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { clientProcedure, router } from '../trpc.ts';
import { leaveReview, myReviewOf } from '../services/discovery/reviews.ts';

/** A client's review of a completed booking (once per booking). */
export const reviewsRouter = router({
  create: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(
      z.object({
        id: idSchema,
        rating: z.number().int().min(1, 'Choose 1 to 5 stars').max(5, 'Choose 1 to 5 stars'),
        body: z.string().trim().max(2000, 'Keep it under 2,000 characters').default(''),
      }),
    )
    .mutation(({ ctx, input }) => leaveReview(ctx.deps, ctx.user, { bookingId: input.id, rating: input.rating, body: input.body })),
  mine: clientProcedure
    .meta({ access: 'client', ownedBy: 'booking' })
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => myReviewOf(ctx.deps, ctx.user, input.id)),
});
