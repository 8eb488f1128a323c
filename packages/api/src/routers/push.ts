import { z } from 'zod';
import { router, userProcedure } from '../trpc.ts';
import { pushStatus, subscribePush, unsubscribePush } from '../services/discovery/push.ts';

const endpoint = z.url({ protocol: /^https?$/ }).max(2000);

/** Web push subscriptions of the signed-in user's browsers; sending is the notifications work. */
export const pushRouter = router({
  subscribe: userProcedure
    .input(z.object({ endpoint, keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }) }))
    .mutation(({ ctx, input }) => subscribePush(ctx.deps, ctx.user, input)),
  unsubscribe: userProcedure
    .input(z.object({ endpoint }))
    .mutation(({ ctx, input }) => unsubscribePush(ctx.deps, ctx.user, input.endpoint)),
  status: userProcedure
    .input(z.object({ endpoint: endpoint.optional() }))
    .query(({ ctx, input }) => pushStatus(ctx.deps, ctx.user, input.endpoint)),
});
