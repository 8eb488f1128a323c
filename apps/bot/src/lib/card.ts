import { GrammyError, type InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { bookingCard, changeLine, type BookingView, type Me } from './format.ts';
import { bookingCardKeyboard } from './keyboards.ts';

/** The booking as this person sees it now: the card's text and its buttons (the pending change included). */
export async function currentCard(
  ctx: BotContext,
  me: Me,
  id: string,
): Promise<{ text: string; keyboard: InlineKeyboard | undefined; booking: BookingView }> {
  const [booking, pending] = await Promise.all([
    ctx.handled.bookings.get.query({ id }),
    ctx.handled.changes.pending.query({ id }).catch(() => null),
  ]);
  const side = booking.client?.id === me.id ? 'client' : 'provider';
  const waiting = pending && pending.proposedBy === side ? ' Waiting for the answer.' : '';
  const text = pending ? `${bookingCard(me, booking)}\n\n🕑 ${changeLine(me, pending, side)}${waiting}` : bookingCard(me, booking);
  return { text, keyboard: bookingCardKeyboard(me, booking, pending), booking };
}

/** Sends the card as a new message. */
export async function sendCard(ctx: BotContext, me: Me, id: string, prefix?: string): Promise<void> {
  const card = await currentCard(ctx, me, id);
  await ctx.reply(prefix ? `${prefix}\n\n${card.text}` : card.text, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(card.keyboard ? { reply_markup: card.keyboard } : {}),
  });
}

/**
 * Replaces the message the button was on with the booking's current card (after an action, or
 * when the button was stale); falls back to a new message when the old one cannot be edited.
 */
export async function showCard(ctx: BotContext, me: Me, id: string, prefix?: string): Promise<void> {
  const card = await currentCard(ctx, me, id);
  const text = prefix ? `${prefix}\n\n${card.text}` : card.text;
  const opts = {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(card.keyboard ? { reply_markup: card.keyboard } : {}),
  };
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, opts);
      return;
    } catch (e) {
      if (!(e instanceof GrammyError)) throw e;
      ctx.log.info({ err: e.description }, 'could not edit; sending the card anew');
    }
  }
  await ctx.reply(text, opts);
}
