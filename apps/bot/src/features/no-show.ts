import { Composer } from 'grammy';
import { escapeHtml } from '@handled/core/html';
import type { BotContext } from '../context.ts';
import { parseBookingCallback } from '../lib/callback-data.ts';
import { noShowKeyboard, viewKeyboard } from '../lib/keyboards.ts';
import { explainFailure, requireAccount } from '../lib/replies.ts';

/**
 * "The provider didn't come", from the booking card: the first tap shows what reporting does (the
 * API's quote — the same transition the report runs), the second reports it.
 */
const composer = new Composer<BotContext>();

composer.callbackQuery(/^bk:noshow:/, async (ctx) => {
  const data = parseBookingCallback(ctx.callbackQuery.data);
  if (data?.action !== 'noshow') {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  const me = await requireAccount(ctx);
  if (!me) return;
  try {
    if (data.arg !== 'yes') {
      const quote = await ctx.handled.lifecycle.noShowQuote.query({ id: data.id });
      await ctx.answerCallbackQuery();
      if (!quote.allowed) {
        await ctx.reply(escapeHtml(quote.reason), { parse_mode: 'HTML' });
        return;
      }
      await ctx.reply(
        `<b>Report that your provider didn't come?</b>\n${escapeHtml(quote.explanation)}\n\nA message may reach them first if they are only running late.`,
        {
          parse_mode: 'HTML',
          reply_markup: noShowKeyboard(data.id),
        },
      );
      return;
    }
    const view = await ctx.handled.lifecycle.reportNoShow.mutate({
      id: data.id,
      reason: 'Reported from Telegram: the provider did not come.',
    });
    ctx.log.info({ bookingId: data.id, chatId: ctx.chatId }, 'provider no-show reported from Telegram');
    await ctx.answerCallbackQuery({ text: 'Reported. Your refund is on its way.' });
    await ctx.editMessageText(
      `🚫 Reported: ${escapeHtml(view.provider?.displayName ?? 'the provider')} didn't come to ${escapeHtml(view.reference)}. Everything you paid is being refunded.`,
      {
        parse_mode: 'HTML',
        reply_markup: viewKeyboard(data.id),
      },
    );
  } catch (e) {
    await explainFailure(ctx, e);
  }
});

export { composer as noShowFeature };
