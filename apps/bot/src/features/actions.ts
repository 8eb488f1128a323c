import { Composer, InlineKeyboard } from 'grammy';
import { escapeHtml } from '@handled/core/html';
import type { BotContext } from '../context.ts';
import { bookingButtons, parseBookingCallback, type BookingCallback } from '../lib/callback-data.ts';
import { sendCard, showCard } from '../lib/card.ts';
import { money, type Me } from '../lib/format.ts';
import { formatQuarterHours, hoursKeyboard, starsKeyboard } from '../lib/keyboards.ts';
import { apiErrorCode, failureMessage, isStale, refuseAction, requireAccount } from '../lib/replies.ts';

/**
 * The booking card's buttons for both sides: cancel (fee and refund first), answer a proposed
 * change, confirm completion or report a problem, rate, message the other side; on my way, start
 * and complete for the provider. Each press re-reads nothing it trusts from the button but the
 * booking id: the API decides for the linked person, and a button the booking has outgrown is
 * answered with the booking as it is now.
 */
const composer = new Composer<BotContext>();

/** An action refused because the booking moved on: say so and show it as it is now. */
async function staleOr(ctx: BotContext, me: Me, id: string, e: unknown): Promise<void> {
  if (isStale(e)) {
    const msg = failureMessage(e);
    await showCard(ctx, me, id, `ℹ️ ${escapeHtml(msg)} Here is the booking now:`);
    await ctx.answerCallbackQuery({ text: msg.slice(0, 200) });
    return;
  }
  await refuseAction(ctx, e);
}

/** Runs one state change, then shows the booking as it now is. */
async function act(ctx: BotContext, me: Me, id: string, run: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await run();
  } catch (e) {
    await staleOr(ctx, me, id, e);
    return;
  }
  ctx.log.info({ bookingId: id, chatId: ctx.chatId, done }, 'booking action from Telegram');
  // The message shows the outcome before the press is answered, so the spinner stops on it.
  await showCard(ctx, me, id, `✅ ${escapeHtml(done)}`);
  await ctx.answerCallbackQuery({ text: done });
}

/** Asks for the next typed message (kept in the chat's session, so a restart does not lose it). */
async function ask(ctx: BotContext, awaiting: NonNullable<Awaited<BotContext['session']>['awaiting']>, prompt: string) {
  const session = await ctx.session;
  session.awaiting = awaiting;
  await ctx.reply(prompt, { parse_mode: 'HTML', reply_markup: { force_reply: true, input_field_placeholder: 'Type here' } });
  await ctx.answerCallbackQuery();
}

/**
 * The booking actions (`bk:<action>:…`, the core's callback data) this feature answers, written once
 * for the type, the check and the handler's pattern; the others are answered by bookings.ts (view),
 * answer.ts (accept, decline, back), reschedule.ts and no-show.ts.
 */
const handledActions = [
  'cancel',
  'chyes',
  'chno',
  'done',
  'problem',
  'rate',
  'msg',
  'omw',
  'start',
  'finish',
  'sos',
] as const satisfies readonly BookingCallback['action'][];
type Handled = (typeof handledActions)[number];
const handled = new Set<BookingCallback['action']>(handledActions);

async function handle(ctx: BotContext, me: Me, data: Extract<BookingCallback, { action: Handled }>) {
  const api = ctx.handled;
  const id = data.id;
  switch (data.action) {
    case 'cancel': {
      if (data.arg === undefined) {
        let quote;
        try {
          quote = await api.lifecycle.cancellationQuote.query({ id });
        } catch (e) {
          return staleOr(ctx, me, id, e);
        }
        if (!quote.allowed) {
          await showCard(ctx, me, id);
          return ctx.answerCallbackQuery({ text: 'This booking can no longer be cancelled.' });
        }
        const lines = [
          '<b>Cancel this booking?</b>',
          quote.fee > 0
            ? `Cancellation fee: ${money(quote.fee, quote.currency)} (${escapeHtml(quote.policy)} policy).`
            : 'No cancellation fee.',
          quote.refund > 0
            ? `Refund: ${money(quote.refund, quote.currency)} back to how you paid.`
            : quote.amountPaid > 0
              ? 'Nothing is refunded.'
              : 'Nothing has been paid.',
        ];
        await ctx.reply(lines.join('\n'), {
          parse_mode: 'HTML',
          reply_markup: new InlineKeyboard()
            .text('Yes, cancel it', bookingButtons.cancelConfirm(id, quote.fee))
            .text('« Keep it', bookingButtons.view(id)),
        });
        await ctx.answerCallbackQuery();
        return;
      }
      const fee = data.arg;
      return act(
        ctx,
        me,
        id,
        () => api.lifecycle.cancel.mutate({ id, expectedFee: fee, reason: 'Cancelled from Telegram.' }),
        'Cancelled.',
      );
    }
    case 'chyes':
      return act(ctx, me, id, () => api.changes.accept.mutate({ id }), 'New time accepted.');
    case 'chno':
      return act(ctx, me, id, () => api.changes.reject.mutate({ id }), 'Kept the old time.');
    case 'done':
      return act(ctx, me, id, () => api.lifecycle.confirmCompletion.mutate({ id }), 'Thanks — marked as done.');
    case 'problem':
      return ask(
        ctx,
        { kind: 'problem', bookingId: id },
        'What went wrong? Reply with a few words — your provider and our team will see it.',
      );
    case 'rate': {
      if (data.arg === undefined) {
        await ctx.reply('How was it? Tap the stars.', { reply_markup: starsKeyboard(id) });
        await ctx.answerCallbackQuery();
        return;
      }
      const rating = data.arg;
      try {
        await api.reviews.write.mutate({ id, rating });
      } catch (e) {
        return staleOr(ctx, me, id, e);
      }
      ctx.log.info({ bookingId: id, chatId: ctx.chatId, rating }, 'review from Telegram');
      const session = await ctx.session;
      session.awaiting = { kind: 'review', bookingId: id, stars: rating };
      await ctx.editMessageText(`${'⭐'.repeat(rating)} Saved. Add a few words for others? Reply with them, or /skip.`);
      await ctx.answerCallbackQuery({ text: `Thanks for the ${rating} ★.` });
      return;
    }
    case 'msg':
      return ask(ctx, { kind: 'message', bookingId: id }, 'Type your message — it goes into the booking’s conversation.');
    case 'sos': {
      let info;
      try {
        info = await api.emergency.forBooking.query({ bookingId: id });
      } catch (e) {
        return staleOr(ctx, me, id, e);
      }
      if (!info.canRaise) {
        await showCard(
          ctx,
          me,
          id,
          `ℹ️ An emergency can be raised only while the job is on its way or under way. If anyone is in danger, call ${escapeHtml(info.call)}.`,
        );
        return ctx.answerCallbackQuery();
      }
      return ask(
        ctx,
        { kind: 'emergency', bookingId: id },
        `🆘 <b>If anyone is in danger, call ${escapeHtml(info.call)} now.</b>\nThen tell us what is happening in a few words: we alert the other side, our team and the emergency contact at once. /skip if it was a mistake.`,
      );
    }
    case 'omw':
      return act(ctx, me, id, () => api.lifecycle.onMyWay.mutate({ id }), 'The client knows you are on your way.');
    case 'start':
      return act(ctx, me, id, () => api.lifecycle.start.mutate({ id }), 'Job started.');
    case 'finish': {
      if (data.arg === undefined) {
        let job;
        try {
          job = await api.lifecycle.job.query({ id });
        } catch (e) {
          return staleOr(ctx, me, id, e);
        }
        const checklist = job.checklist.length
          ? `\n\nCompleting confirms the checklist:\n${job.checklist.map((c) => `☑️ ${escapeHtml(c.item)}`).join('\n')}\n(Photos, materials and notes: finish in Handled Desk instead.)`
          : '';
        await ctx.reply(`<b>How long did the job take?</b> Estimated ${formatQuarterHours(job.estimatedHours * 4)}.${checklist}`, {
          parse_mode: 'HTML',
          reply_markup: hoursKeyboard(id, job.estimatedHours),
        });
        await ctx.answerCallbackQuery();
        return;
      }
      const quarters = data.arg;
      return act(
        ctx,
        me,
        id,
        async () => {
          const job = await api.lifecycle.job.query({ id });
          return api.lifecycle.complete.mutate({ id, actualHours: quarters / 4, checklist: job.checklist.map((c) => c.item) });
        },
        `Completed: ${formatQuarterHours(quarters)}. The client has been asked to confirm.`,
      );
    }
  }
}

composer.callbackQuery(new RegExp(`^bk:(${handledActions.join('|')}):`), async (ctx) => {
  const data = parseBookingCallback(ctx.callbackQuery.data);
  if (!data || !handled.has(data.action)) {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  const me = await requireAccount(ctx);
  if (!me) return;
  await handle(ctx, me, data as Extract<BookingCallback, { action: Handled }>);
});

/** The typed answer to a prompt above (a message, a problem, a review's words). */
composer.chatType('private').on('message:text', async (ctx, next) => {
  if (ctx.message.text.startsWith('/') && ctx.message.text !== '/skip') return next();
  const session = await ctx.session;
  const awaiting = session.awaiting;
  if (!awaiting) return replyToNotification(ctx, next);
  const me = await requireAccount(ctx);
  if (!me) return;
  const text = ctx.message.text.trim();
  const id = awaiting.bookingId;
  try {
    if (awaiting.kind === 'review') {
      if (text !== '/skip') await ctx.handled.reviews.write.mutate({ id, rating: awaiting.stars ?? 5, body: text });
      delete session.awaiting;
      await ctx.reply(text === '/skip' ? 'Thanks for rating.' : 'Thanks — your review is saved.');
      return;
    }
    if (text === '/skip') {
      delete session.awaiting;
      await ctx.reply('Nothing sent.');
      return;
    }
    if (awaiting.kind === 'emergency') {
      await ctx.handled.emergency.raise.mutate({ bookingId: id, reason: text });
      delete session.awaiting;
      ctx.log.info({ bookingId: id, chatId: ctx.chatId }, 'emergency raised from Telegram');
      await ctx.reply('🆘 Raised. Our team, the other side and the emergency contact have been alerted; we will be in touch right away.');
      return;
    }
    if (awaiting.kind === 'problem') {
      await ctx.handled.lifecycle.raiseProblem.mutate({ id, reason: text });
      delete session.awaiting;
      await sendCard(ctx, me, id, '⚠️ Reported. We will look into it with you and your provider.');
      return;
    }
    await ctx.handled.messages.send.mutate({ bookingId: id, body: text });
    delete session.awaiting;
    await ctx.reply('💬 Sent.', { reply_markup: new InlineKeyboard().text('View booking', bookingButtons.view(id)) });
  } catch (e) {
    // Bad input keeps the prompt open (say what to fix); anything else ends it.
    const msg = failureMessage(e);
    if (apiErrorCode(e) !== 'BAD_REQUEST') delete session.awaiting;
    await ctx.reply(msg);
  }
});

/** A booking's reference as every notification and card ends with it. */
const REFERENCE = /\bHD-[A-Z0-9]{4,10}\b/;

/**
 * A reply (Telegram's "Reply") to one of our messages about a booking goes into that booking's
 * conversation: the reference at the message's end names it, looked up among the person's own.
 */
async function replyToNotification(ctx: BotContext & { message: { text: string } }, next: () => Promise<void>): Promise<void> {
  const replied = ctx.message.reply_to_message;
  const reference = replied?.from?.id === ctx.me.id ? REFERENCE.exec(replied.text ?? '')?.[0] : undefined;
  if (!reference || ctx.message.text.startsWith('/')) return next();
  const me = await requireAccount(ctx);
  if (!me) return;
  const list =
    me.role === 'provider'
      ? await ctx.handled.bookings.forProvider.query({ scope: 'all' })
      : await ctx.handled.bookings.mine.query({ scope: 'all' });
  const booking = list.find((b) => b.reference === reference);
  if (!booking) {
    await ctx.reply(`We could not find booking ${reference} in your account.`);
    return;
  }
  try {
    await ctx.handled.messages.send.mutate({ bookingId: booking.id, body: ctx.message.text.trim() });
  } catch (e) {
    await ctx.reply(failureMessage(e));
    return;
  }
  const other = me.role === 'provider' ? booking.clientName : booking.providerName;
  await ctx.reply(`💬 Sent to ${other} (${reference}).`, {
    reply_markup: new InlineKeyboard().text('View booking', bookingButtons.view(booking.id)),
  });
}

export { composer as actionsFeature };
