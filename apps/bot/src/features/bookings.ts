import { Composer, InlineKeyboard } from 'grammy';
import { formatInZone } from '@handled/core/time-in-zone';
import type { BotContext } from '../context.ts';
import { parseBookingCallback } from '../lib/callback-data.ts';
import { bookingButtons } from '../lib/callback-data.ts';
import { sendCard } from '../lib/card.ts';
import { activeStatuses, bookingLine, type BookingSummary, type Me } from '../lib/format.ts';
import { explainFailure, requireAccount } from '../lib/replies.ts';

const composer = new Composer<BotContext>();

const MAX_LISTED = 10;

async function upcomingFor(ctx: BotContext, me: Me): Promise<BookingSummary[] | null> {
  if (me.role === 'provider') return ctx.handled.bookings.forProvider.query({ scope: 'upcoming', statuses: [...activeStatuses] });
  if (me.role === 'client') {
    const all = await ctx.handled.bookings.mine.query({ scope: 'upcoming' });
    return all.filter((b) => activeStatuses.includes(b.status));
  }
  return null;
}

function section(me: Me, title: string, list: BookingSummary[]): string {
  return `<b>${title}</b>\n${list.map((b) => bookingLine(me, b)).join('\n')}`;
}

composer.command('bookings', async (ctx) => {
  const me = await requireAccount(ctx);
  if (!me) return;
  const list = await upcomingFor(ctx, me);
  if (list === null) {
    await ctx.reply('Bookings are listed for client and provider accounts; please use the Handled admin pages.');
    return;
  }
  if (list.length === 0) {
    await ctx.reply(
      me.role === 'provider'
        ? 'Nothing coming up and no requests waiting. New requests will arrive here.'
        : `You have no upcoming bookings. Find a provider at ${ctx.config.webUrl}`,
    );
    return;
  }
  const shown = list.slice(0, MAX_LISTED);
  const requests = shown.filter((b) => me.role === 'provider' && b.status === 'requested');
  const upcoming = shown.filter((b) => !requests.includes(b));
  const parts = [];
  if (requests.length) parts.push(section(me, 'Waiting for your answer', requests));
  if (upcoming.length) parts.push(section(me, 'Upcoming', upcoming));
  if (list.length > shown.length) parts.push(`…and ${list.length - shown.length} more in Handled.`);
  const kb = new InlineKeyboard();
  for (const b of [...requests, ...upcoming])
    kb.text(`View · ${formatInZone(b.startsAt, me.timeZone, 'month-day-time')} · ${b.categoryName}`, bookingButtons.view(b.id)).row();
  await ctx.reply(parts.join('\n\n'), { parse_mode: 'HTML', reply_markup: kb });
});

composer.callbackQuery(/^bk:view:/, async (ctx) => {
  const data = parseBookingCallback(ctx.callbackQuery.data);
  if (data?.action !== 'view') {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  const me = await requireAccount(ctx);
  if (!me) return;
  try {
    await sendCard(ctx, me, data.id);
    await ctx.answerCallbackQuery();
  } catch (e) {
    await explainFailure(ctx, e);
  }
});

export { composer as bookingsFeature };
