import { Composer, InlineKeyboard } from 'grammy';
import { isoSlotsOf } from '@handled/core/availability';
import { escapeHtml } from '@handled/core/html';
import { formatDay, formatInZone } from '@handled/core/time-in-zone';
import type { BotContext } from '../context.ts';
import { bookingButtons, parseBookingCallback } from '../lib/callback-data.ts';
import { showCard } from '../lib/card.ts';
import type { Me } from '../lib/format.ts';
import { failureMessage, isStale, refuseAction, requireAccount } from '../lib/replies.ts';

/**
 * A new time for a booking, by either side: the provider's free slots for the booking's length,
 * one day at a time in the reader's zone (‹ › move between days that have slots), then a slot —
 * proposed through `changes.propose`; the other side answers. The slots shown are kept in the
 * chat's session (libSQL), so a slot pressed after a bot restart still proposes that time.
 */
const composer = new Composer<BotContext>();

const DAYS_AHEAD = 30;
const SLOTS_PER_DAY = 12;

async function showDay(ctx: BotContext, me: Me, id: string, dayIndex: number, edit: boolean, note?: string) {
  const booking = await ctx.handled.bookings.get.query({ id });
  if (!booking.canProposeChange || !booking.provider) {
    await showCard(ctx, me, id, 'ℹ️ This booking can no longer be moved. Here it is now:');
    return ctx.answerCallbackQuery({ text: 'This booking can no longer be moved.' });
  }
  const from = new Date(Date.parse(booking.asOf));
  const answer = await ctx.handled.catalog.slots.query({
    providerId: booking.provider.id,
    from: from.toISOString(),
    to: new Date(from.getTime() + DAYS_AHEAD * 86_400_000).toISOString(),
    hours: booking.hours,
    viewerTimeZone: me.timeZone,
  });
  const days = answer.days.filter((d) => d.offsets.length > 0);
  if (days.length === 0) {
    await ctx.answerCallbackQuery({ text: 'No free times in the next 30 days.' });
    return;
  }
  const index = Math.min(Math.max(dayIndex, 0), days.length - 1);
  const day = days[index]!;
  const slots = isoSlotsOf({ days: [day], lengthMin: answer.lengthMin })
    .map((s) => s.start)
    .filter((s) => s !== new Date(booking.startsAt).toISOString())
    .slice(0, SLOTS_PER_DAY);
  const session = await ctx.session;
  session.reschedule = { bookingId: id, date: day.date, slots };
  const kb = new InlineKeyboard();
  slots.forEach((s, i) => {
    kb.text(formatInZone(s, me.timeZone, 'time'), bookingButtons.slot(id, i));
    if (i % 4 === 3) kb.row();
  });
  kb.row();
  if (index > 0) kb.text('‹ Earlier day', bookingButtons.reschedule(id, index - 1));
  if (index < days.length - 1) kb.text('Later day ›', bookingButtons.reschedule(id, index + 1));
  kb.row().text('« Back', bookingButtons.view(id));
  const text = [
    `<b>Pick a new time</b> — ${escapeHtml(formatDay(day.start, me.timeZone))}`,
    `Times in ${escapeHtml(me.timeZone)}; currently ${escapeHtml(formatInZone(booking.startsAt, me.timeZone, 'month-day-time'))}.`,
    `Day ${index + 1} of ${days.length} with free times.`,
  ].join('\n');
  if (edit) await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb });
  else await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
  await ctx.answerCallbackQuery(note ? { text: note } : {});
}

composer.callbackQuery(/^bk:(resched|slot):/, async (ctx) => {
  const data = parseBookingCallback(ctx.callbackQuery.data);
  if (!data || (data.action !== 'resched' && data.action !== 'slot')) {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  const me = await requireAccount(ctx);
  if (!me) return;
  const id = data.id;
  try {
    if (data.action === 'resched') return await showDay(ctx, me, id, data.arg ?? 0, data.arg !== undefined);
    const session = await ctx.session;
    const offered = session.reschedule;
    const startsAt = offered?.bookingId === id ? offered.slots[data.arg] : undefined;
    if (!startsAt) {
      return await showDay(ctx, me, id, 0, false, 'Those times are out of date — here they are again.');
    }
    await ctx.handled.changes.propose.mutate({ id, startsAt });
    delete session.reschedule;
    ctx.log.info({ bookingId: id, chatId: ctx.chatId, startsAt }, 'new time proposed from Telegram');
    const when = `${formatInZone(startsAt, me.timeZone, 'month-day-time')} (${me.timeZone})`;
    await showCard(ctx, me, id, `🕑 Proposed ${escapeHtml(when)}. You'll hear here when it is answered.`);
    await ctx.answerCallbackQuery({ text: 'Proposed.' });
  } catch (e) {
    if (isStale(e) || failureMessage(e).includes('slot')) {
      await showCard(ctx, me, id, `ℹ️ ${escapeHtml(failureMessage(e))}`);
      return ctx.answerCallbackQuery({ text: failureMessage(e).slice(0, 200) });
    }
    await refuseAction(ctx, e);
  }
});

export { composer as rescheduleFeature };
