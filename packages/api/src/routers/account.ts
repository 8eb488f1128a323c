import { z } from 'zod';
import { botProcedure, router, userProcedure } from '../trpc.ts';
import { createLinkCode, linkStatus, redeemLinkCode, unlink } from '../services/telegram-link.ts';

export const accountRouter = router({
  me: userProcedure.query(({ ctx }) => ctx.user),
  telegramStatus: userProcedure.query(({ ctx }) => linkStatus(ctx.deps, ctx.user.id)),
  telegramLinkCode: userProcedure.mutation(({ ctx }) => createLinkCode(ctx.deps, ctx.user.id)),
  telegramUnlink: userProcedure.mutation(({ ctx }) => unlink(ctx.deps, ctx.user.id)),
  telegramRedeem: botProcedure
    .input(
      z.object({
        code: z.string().trim().min(4).max(16),
        chatId: z.string().regex(/^-?\d{1,20}$/),
        username: z.string().max(64).optional(),
      }),
    )
    .mutation(({ ctx, input }) => redeemLinkCode(ctx.deps, input)),
});
