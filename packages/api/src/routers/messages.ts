import { router, userProcedure } from '../trpc.ts';
import {
  markReadInputSchema,
  sendInputSchema,
  threadInputSchema,
  threadsInputSchema,
  unreadInputSchema,
} from '../services/messages/messages.schema.ts';
import { getThread, listThreads, markThreadRead, sendMessage, unreadCount } from '../services/messages/messages.ts';

/** Messages between a booking's client and its provider (the site, the desk and the bot share it). */
export const messagesRouter = router({
  threads: userProcedure.input(threadsInputSchema).query(({ ctx, input }) => listThreads(ctx.deps, ctx.user, input)),
  thread: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(threadInputSchema)
    .query(({ ctx, input }) => getThread(ctx.deps, ctx.user, input)),
  send: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(sendInputSchema)
    .mutation(({ ctx, input }) => sendMessage(ctx.deps, ctx.user, input)),
  markRead: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(markReadInputSchema)
    .mutation(({ ctx, input }) => markThreadRead(ctx.deps, ctx.user, input)),
  unreadCount: userProcedure.input(unreadInputSchema).query(({ ctx }) => unreadCount(ctx.deps, ctx.user)),
});
