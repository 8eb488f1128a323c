import { z } from 'zod';
import { botProcedure, router } from '../trpc.ts';
import { readBotSession, removeBotSession, writeBotSession } from '../services/bot/sessions.ts';

/** A chat id as Telegram gives it (private chats are positive, groups negative). */
const key = z.string().regex(/^-?\d{1,20}$/, 'A Telegram chat id');
const value = z.record(z.string(), z.unknown());

/**
 * The Telegram bot's own needs (the bot's service secret only): its per-chat flow state, so a
 * restart in the middle of a reschedule loses nothing. Each call may touch only the chat named
 * by `x-telegram-chat-id`.
 */
export const botRouter = router({
  sessionRead: botProcedure.input(z.object({ key })).query(({ ctx, input }) => readBotSession(ctx.deps, ctx.chatId, input.key)),
  sessionWrite: botProcedure
    .input(z.object({ key, value }))
    .mutation(({ ctx, input }) => writeBotSession(ctx.deps, ctx.chatId, input.key, input.value)),
  sessionDelete: botProcedure.input(z.object({ key })).mutation(({ ctx, input }) => removeBotSession(ctx.deps, ctx.chatId, input.key)),
});
