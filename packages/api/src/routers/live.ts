import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { router, userProcedure } from '../trpc.ts';
import { assertLiveAccess, liveStream } from '../services/live/live.ts';

/**
 * Live updates over SSE (httpSubscriptionLink, or a plain EventSource): the changes that concern the
 * signed-in person, optionally only one booking's or enquiry's. Reconnects resume from the last event
 * id (EventSource's Last-Event-ID).
 */
export const liveRouter = router({
  events: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(
      z.object({ bookingId: idSchema.optional(), enquiryId: idSchema.optional(), lastEventId: z.string().max(20).nullish() }).default({}),
    )
    .subscription(async ({ ctx, input, signal }) => {
      await assertLiveAccess(ctx.deps, ctx.user, input);
      return liveStream(ctx.deps, ctx.user, input, signal);
    }),
});
