import { Composer, GrammyError, type InlineKeyboard } from 'grammy';
import { declineReasons, declineReasonSchema } from '@handled/core/decline-reasons';
import { escapeHtml } from '@handled/core/html';
import type { BotContext } from '../context.ts';
import { bookingIdSchema, parseBookingCallback } from '../lib/callback-data.ts';
import { answerKeyboard, declineReasonsKeyboard, viewKeyboard } from '../lib/keyboards.ts';
import { failureMessage, isNotLinked, refuseAction } from '../lib/replies.ts';

/**
 * Answers to booking requests, from the buttons on the server's "New request" message
 * (`bk:accept:<id>`, `bk:decline:<id>`) or on a booking card.
 */
const composer = new Composer<BotContext>();

/** Appends an outcome to the message the button was on (keeping its formatting) and swaps its buttons. */
async function noteOnMessage(ctx: BotContext, note: string, keyboard?: InlineKeyboard) {
  const msg = ctx.callbackQuery?.message;
  const text = msg && 'text' in msg ? msg.text : undefined;
  try {
    if (msg && text !== undefined) {
      await ctx.editMessageText(`${text}\n\n${note}`, {
        ...(msg.entities ? { entities: msg.entities } : {}),
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
      return;
    }
  } catch (e) {
    // Too old to edit, or edited meanwhile: the outcome still gets said, below.
    if (!(e instanceof GrammyError)) throw e;
    ctx.log.info({ err: e.description }, 'could not edit the request message');
  }
  await ctx.reply(note, keyboard ? { reply_markup: keyboard } : {});
}

const refuse = refuseAction;

async function accept(ctx: BotContext, id: string) {
  try {
    const view = await ctx.handled.bookings.accept.mutate({ id });
    const client = view.client?.name ?? 'the client';
    ctx.log.info({ bookingId: id, chatId: ctx.chatId }, 'request accepted from Telegram');
    await ctx.answerCallbackQuery({ text: `Accepted. ${client} gets the invoice now.` });
    await noteOnMessage(ctx, `✅ Accepted — invoice sent to ${client}`, viewKeyboard(id));
  } catch (e) {
    await refuse(ctx, e);
  }
}

async function decline(ctx: BotContext, id: string, reason: string): Promise<boolean> {
  try {
    const view = await ctx.handled.bookings.decline.mutate({ id, reason });
    const client = view.client?.name ?? 'the client';
    ctx.log.info({ bookingId: id, chatId: ctx.chatId }, 'request declined from Telegram');
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: 'Declined.' });
      await noteOnMessage(ctx, `✖️ Declined — ${client} was told: “${reason}”`);
    } else {
      await ctx.reply(`✖️ Declined — ${client} was told: “${reason}”`);
    }
    return true;
  } catch (e) {
    if (ctx.callbackQuery) await refuse(ctx, e);
    else await ctx.reply(isNotLinked(e) ? 'Link your Handled account first: /start' : failureMessage(e));
    return false;
  }
}

/** Marks the "Other" prompt so a reply to it can be tied back to its booking with no state kept here. */
const PROMPT_MARK = 'Booking id: ';

composer.callbackQuery(/^bk:(accept|decline|back):/, async (ctx) => {
  const data = parseBookingCallback(ctx.callbackQuery.data);
  if (!data || (data.action !== 'accept' && data.action !== 'decline' && data.action !== 'back')) {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  if (data.action === 'accept') return accept(ctx, data.id);
  if (data.action === 'back') {
    await ctx.editMessageReplyMarkup({ reply_markup: answerKeyboard(data.id) });
    await ctx.answerCallbackQuery();
    return;
  }
  if (!data.arg) {
    await ctx.editMessageReplyMarkup({ reply_markup: declineReasonsKeyboard(data.id) });
    await ctx.answerCallbackQuery({ text: 'Why are you declining? The client will see your reason.' });
    return;
  }
  if (data.arg === 'other') {
    await ctx.answerCallbackQuery();
    await ctx.reply(
      `Why are you declining? Reply to this message with a short reason — the client will see it.\n\n${PROMPT_MARK}<code>${escapeHtml(data.id)}</code>`,
      { parse_mode: 'HTML', reply_markup: { force_reply: true, input_field_placeholder: 'Your reason for the client' } },
    );
    return;
  }
  await decline(ctx, data.id, declineReasons[data.arg].text);
});

/** A reply to our "Other" prompt: the reason, typed. */
composer.on('message:text').filter(
  (ctx) => {
    const prompt = ctx.message.reply_to_message;
    return prompt?.from?.id === ctx.me.id && (prompt.text ?? '').includes(PROMPT_MARK);
  },
  async (ctx) => {
    const prompt = ctx.message.reply_to_message?.text ?? '';
    const id = bookingIdSchema.safeParse(prompt.slice(prompt.lastIndexOf(PROMPT_MARK) + PROMPT_MARK.length).trim());
    if (!id.success) {
      await ctx.reply('That prompt is out of date. Open the booking again with /bookings.');
      return;
    }
    const reason = declineReasonSchema.safeParse(ctx.message.text);
    if (!reason.success) {
      await ctx.reply(`${reason.error.issues[0]?.message ?? 'Please write a short reason.'} Reply to the question above again.`);
      return;
    }
    await decline(ctx, id.data, reason.data);
  },
);

export { composer as answerFeature };
