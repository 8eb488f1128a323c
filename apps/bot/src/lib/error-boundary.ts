import { BotError, GrammyError, HttpError } from 'grammy';
import type { BotContext } from '../context.ts';
import { failureMessage } from './replies.ts';

/**
 * Anything a feature did not handle: log it with the update, and tell the person in plain words
 * where they acted (a button's alert or a reply), so nobody is left with a spinning button.
 */
export async function errorBoundaryHandler(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  const e = err.error;
  ctx.log.error(
    {
      updateId: ctx.update.update_id,
      err: e instanceof Error ? e.message : String(e),
      ...(e instanceof GrammyError ? { method: e.method, description: e.description } : {}),
      stack: e instanceof Error ? e.stack : undefined,
    },
    'update failed',
  );
  // Telegram itself unreachable: telling the person would fail the same way.
  if (e instanceof HttpError) return;
  const text = failureMessage(e);
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chatId !== undefined) await ctx.reply(text);
  } catch (replyError) {
    ctx.log.error(
      { err: replyError instanceof Error ? replyError.message : String(replyError) },
      'could not tell the person about a failure',
    );
  }
}
