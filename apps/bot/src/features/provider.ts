import { Composer, InlineKeyboard } from 'grammy';
import { escapeHtml } from '@handled/core/html';
import { formatDay, formatInZone, localDate } from '@handled/core/time-in-zone';
import type { BotContext } from '../context.ts';
import { bookingButtons } from '../lib/callback-data.ts';
import { bookingLine, jobLine, money, type JobItem, type Me } from '../lib/format.ts';
import { requireAccount } from '../lib/replies.ts';

/** The provider's day and week (addresses, map links), requests to answer, and earnings. */
const composer = new Composer<BotContext>();

async function requireProvider(ctx: BotContext): Promise<Me | null> {
  const me = await requireAccount(ctx);
  if (!me) return null;
  if (me.role !== 'provider') {
    await ctx.reply('That is for provider accounts. /help lists what you can do here.');
    return null;
  }
  return me;
}

function jobButtons(items: JobItem[], zone: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const j of items) kb.text(`${formatInZone(j.startsAt, zone, 'month-day-time')} · ${j.clientName}`, bookingButtons.view(j.id)).row();
  return kb;
}

const open = ['accepted', 'confirmed', 'in_progress', 'completed', 'disputed'] as const;

composer.command('today', async (ctx) => {
  const me = await requireProvider(ctx);
  if (!me) return;
  const today = await ctx.handled.bookings.today.query();
  const jobs = today.items.filter((j) => j.status !== 'cancelled' && j.status !== 'no_show');
  const head = `<b>Today, ${escapeHtml(formatDay(today.asOf, today.timeZone))}</b> (${escapeHtml(today.timeZone)})`;
  if (jobs.length === 0) {
    await ctx.reply(`${head}\nNo jobs today. /week shows what is coming.`, { parse_mode: 'HTML' });
    return;
  }
  await ctx.reply(`${head}\n${jobs.map((j) => jobLine(today.timeZone, j)).join('\n')}`, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: jobButtons(jobs, today.timeZone),
  });
});

composer.command('week', async (ctx) => {
  const me = await requireProvider(ctx);
  if (!me) return;
  const zone = me.timeZone;
  // The server's clock, as /today reads it.
  const now = new Date((await ctx.handled.bookings.today.query()).asOf);
  const from = localDate(now, zone);
  const to = localDate(new Date(now.getTime() + 6 * 86_400_000), zone);
  const page = await ctx.handled.bookings.history.query({ scope: 'all', from, to, statuses: [...open], limit: 50 });
  const items = [...page.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  if (items.length === 0) {
    await ctx.reply(`No jobs in the next 7 days (${escapeHtml(zone)}). /requests shows what is waiting for your answer.`, {
      parse_mode: 'HTML',
    });
    return;
  }
  const byDay = new Map<string, JobItem[]>();
  for (const j of items) {
    const d = formatDay(j.startsAt, page.timeZone);
    byDay.set(d, [...(byDay.get(d) ?? []), j]);
  }
  const text = [`<b>The next 7 days</b> (${escapeHtml(page.timeZone)})`];
  for (const [day, jobs] of byDay) text.push('', `<b>${escapeHtml(day)}</b>`, ...jobs.map((j) => jobLine(page.timeZone, j)));
  await ctx.reply(text.join('\n'), {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: jobButtons(items, page.timeZone),
  });
});

composer.command('requests', async (ctx) => {
  const me = await requireProvider(ctx);
  if (!me) return;
  const list = await ctx.handled.bookings.forProvider.query({ scope: 'upcoming', statuses: ['requested'] });
  if (list.length === 0) {
    await ctx.reply('No requests waiting. New ones arrive here with Accept and Decline.');
    return;
  }
  for (const b of list.slice(0, 10)) {
    await ctx.reply(`<b>Request</b>\n${bookingLine(me, b)}`, {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard()
        .text('✅ Accept', bookingButtons.accept(b.id))
        .text('✖️ Decline', bookingButtons.decline(b.id))
        .row()
        .text('View', bookingButtons.view(b.id)),
    });
  }
});

composer.command('earnings', async (ctx) => {
  const me = await requireProvider(ctx);
  if (!me) return;
  const zone = me.timeZone;
  const now = new Date((await ctx.handled.bookings.today.query()).asOf);
  const today = localDate(now, zone);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const weekStart = localDate(new Date(now.getTime() - weekday * 86_400_000), zone);
  const monthStart = `${today.slice(0, 8)}01`;
  const [month, totals] = await Promise.all([
    ctx.handled.bookings.history.query({
      scope: 'all',
      from: monthStart < weekStart ? monthStart : weekStart,
      to: today,
      statuses: ['completed'],
      limit: 100,
    }),
    ctx.handled.payouts.earnings.query(),
  ]);
  const sum = (items: JobItem[]) => {
    const byCurrency = new Map<string, number>();
    for (const j of items) byCurrency.set(j.currency, (byCurrency.get(j.currency) ?? 0) + j.providerEarnings);
    return [...byCurrency].map(([c, a]) => money(a, c as Parameters<typeof money>[1])).join(' + ') || money(0, 'USD');
  };
  const inWeek = month.items.filter((j) => localDate(j.startsAt, zone) >= weekStart);
  const inMonth = month.items.filter((j) => localDate(j.startsAt, zone) >= monthStart);
  const lines = [
    '<b>Your earnings</b>',
    `This week: ${sum(inWeek)} from ${inWeek.length} ${inWeek.length === 1 ? 'job' : 'jobs'}`,
    `This month: ${sum(inMonth)} from ${inMonth.length} ${inMonth.length === 1 ? 'job' : 'jobs'}`,
    ...totals.currencies.map(
      (c) =>
        `Paid out ${money(c.paid, c.currency)} · on its way ${money(c.scheduled, c.currency)}${c.held ? ` · held ${money(c.held, c.currency)}` : ''}`,
    ),
    `<i>Weeks start on Monday, in ${escapeHtml(zone)}.</i>`,
  ];
  await ctx.reply(lines.join('\n'), { parse_mode: 'HTML' });
});

export { composer as providerFeature };
