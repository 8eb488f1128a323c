import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import { isoSlotsOf } from '@handled/core/availability';
import { escapeHtml } from '@handled/core/html';
import { formatDay, formatInZone } from '@handled/core/time-in-zone';
import type { BotContext } from '../context.ts';
import { bookingIdSchema } from '../lib/callback-data.ts';
import { addressLine, formatHours, type Me } from '../lib/format.ts';
import { viewKeyboard } from '../lib/keyboards.ts';
import { apiErrorCode, failureMessage, requireAccount } from '../lib/replies.ts';

/**
 * Rebook a favourite in three taps: /rebook → the provider → a day → a time, then the request with
 * the saved address and phone (the last booking with them gives the service, hours and job). Data:
 * `rb:p:<provider>`, `rb:d:<provider>:<day>`, `rb:t:<n>`, `rb:go`; the times shown and the job
 * are in the chat's session.
 */
const composer = new Composer<BotContext>();

const DAYS = 30;
const rbSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('p'), providerId: bookingIdSchema }),
  z.strictObject({ step: z.literal('d'), providerId: bookingIdSchema, day: z.coerce.number().int().min(0).max(59) }),
  z.strictObject({ step: z.literal('t'), n: z.coerce.number().int().min(0).max(99) }),
  z.strictObject({ step: z.literal('go') }),
]);

function parse(data: string) {
  const [prefix, step, a, b, ...rest] = data.split(':');
  if (prefix !== 'rb' || rest.length) return null;
  const raw =
    step === 'p' ? { step, providerId: a } : step === 'd' ? { step, providerId: a, day: b } : step === 't' ? { step, n: a } : { step };
  const parsed = rbSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

async function requireClient(ctx: BotContext): Promise<Me | null> {
  const me = await requireAccount(ctx);
  if (!me) return null;
  if (me.role === 'client' || me.alsoClient) return me;
  await ctx.reply('Rebooking is for client accounts.');
  return null;
}

/** What the new request repeats: the last booking with this provider, else their first service for 2 hours. */
async function jobFor(ctx: BotContext, providerId: string) {
  const past = (await ctx.handled.bookings.mine.query({ scope: 'all' })).filter((b) => b.providerId === providerId);
  const last = past.sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0];
  if (last) {
    const v = await ctx.handled.bookings.get.query({ id: last.id });
    return {
      categoryId: v.category.id,
      categoryName: v.category.name,
      hours: v.hours,
      details: v.details,
      lastAddress: v.address,
      lastPhone: v.contactPhone,
    };
  }
  const profile = await ctx.handled.catalog.provider.query({ id: providerId });
  const cat = profile.categories[0];
  if (!cat) throw new Error('provider without a service');
  return {
    categoryId: cat.id,
    categoryName: cat.name,
    hours: 2,
    details: `${cat.name}, booked again from Telegram.`,
    lastAddress: null,
    lastPhone: null,
  };
}

composer.command('rebook', async (ctx) => {
  const me = await requireClient(ctx);
  if (!me) return;
  const favourites = (await ctx.handled.favourites.list.query()).filter((f) => f.active);
  if (favourites.length === 0) {
    await ctx.reply(`No favourites yet. Tap ♡ on a provider's page on Handled (${ctx.config.webUrl}) to keep them here.`);
    return;
  }
  const kb = new InlineKeyboard();
  for (const f of favourites.slice(0, 10)) kb.text(`${f.displayName} · ${f.city}`, `rb:p:${f.id}`).row();
  await ctx.reply('<b>Book again</b> — who?', { parse_mode: 'HTML', reply_markup: kb });
});

composer.callbackQuery(/^rb:/, async (ctx) => {
  const data = parse(ctx.callbackQuery.data);
  if (!data) {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  const me = await requireClient(ctx);
  if (!me) return;
  const session = await ctx.session;
  try {
    if (data.step === 'p' || data.step === 'd') {
      const job = await jobFor(ctx, data.providerId);
      const now = new Date();
      const answer = await ctx.handled.catalog.slots.query({
        providerId: data.providerId,
        from: now.toISOString(),
        to: new Date(now.getTime() + DAYS * 86_400_000).toISOString(),
        hours: job.hours,
        viewerTimeZone: me.timeZone,
      });
      const days = answer.days.filter((d) => d.offsets.length);
      if (!days.length) {
        await ctx.answerCallbackQuery({ text: 'No free times in the next 30 days.', show_alert: true });
        return;
      }
      const kb = new InlineKeyboard();
      let text: string;
      if (data.step === 'p') {
        days.slice(0, 8).forEach((d, i) => {
          kb.text(formatDay(d.start, me.timeZone), `rb:d:${data.providerId}:${i}`);
          if (i % 2 === 1) kb.row();
        });
        text = `<b>${escapeHtml(job.categoryName)}, ${formatHours(job.hours)}</b> — which day? (${escapeHtml(me.timeZone)})`;
        session.rebook = { providerId: data.providerId, ...job, slots: [] };
      } else {
        const day = days[Math.min(data.day, days.length - 1)]!;
        const slots = isoSlotsOf({ days: [day], lengthMin: answer.lengthMin })
          .map((s) => s.start)
          .slice(0, 12);
        slots.forEach((s, i) => {
          kb.text(formatInZone(s, me.timeZone, 'time'), `rb:t:${i}`);
          if (i % 4 === 3) kb.row();
        });
        text = `<b>${escapeHtml(formatDay(day.start, me.timeZone))}</b> — what time? (${escapeHtml(me.timeZone)})`;
        session.rebook = { providerId: data.providerId, ...job, slots };
      }
      await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb });
      await ctx.answerCallbackQuery();
      return;
    }
    const rb = session.rebook;
    if (!rb) {
      await ctx.answerCallbackQuery({ text: 'That list is out of date — send /rebook again.', show_alert: true });
      return;
    }
    const defaults = await ctx.handled.account.bookingDefaults.query();
    const address = defaults.address?.address ?? rb.lastAddress;
    const phone = defaults.phone ?? rb.lastPhone;
    if (!address || !phone) {
      await ctx.answerCallbackQuery();
      await ctx.reply(`Save an address and phone in your account first (${ctx.config.webUrl}/account), then /rebook again.`);
      return;
    }
    if (data.step === 't') {
      const startsAt = rb.slots[data.n];
      if (!startsAt) {
        await ctx.answerCallbackQuery({ text: 'That time is out of date — send /rebook again.', show_alert: true });
        return;
      }
      rb.startsAt = startsAt;
      const text = [
        '<b>Send this request?</b>',
        `${escapeHtml(rb.categoryName)}, ${formatHours(rb.hours)}`,
        `When: ${escapeHtml(formatInZone(startsAt, me.timeZone, 'month-day-time'))} (${escapeHtml(me.timeZone)})`,
        `Where: ${escapeHtml(addressLine(address))}`,
        `Phone: ${escapeHtml(phone)}`,
        `Job: “${escapeHtml(rb.details)}”`,
      ].join('\n');
      await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text('✅ Send request', 'rb:go') });
      await ctx.answerCallbackQuery();
      return;
    }
    if (!rb.startsAt) {
      await ctx.answerCallbackQuery({ text: 'Pick a time first — send /rebook again.', show_alert: true });
      return;
    }
    const booking = await ctx.handled.bookings.request.mutate({
      providerId: rb.providerId,
      categoryId: rb.categoryId,
      startsAt: rb.startsAt,
      hours: rb.hours,
      details: rb.details,
      address: {
        line1: address.line1,
        ...(address.line2 ? { line2: address.line2 } : {}),
        city: address.city,
        ...(address.region ? { region: address.region } : {}),
        postalCode: address.postalCode,
        country: address.country,
      },
      contactPhone: phone,
    });
    delete session.rebook;
    ctx.log.info({ bookingId: booking.id, chatId: ctx.chatId }, 'rebooked from Telegram');
    await ctx.editMessageText(
      `📨 Request sent for ${escapeHtml(formatInZone(booking.startsAt, me.timeZone, 'month-day-time'))} (${escapeHtml(me.timeZone)}). You'll hear here when it is answered.`,
      {
        parse_mode: 'HTML',
        reply_markup: viewKeyboard(booking.id),
      },
    );
    await ctx.answerCallbackQuery({ text: 'Request sent.' });
  } catch (e) {
    if (apiErrorCode(e) === 'CONFLICT') {
      delete session.rebook;
      await ctx.answerCallbackQuery({ text: `${failureMessage(e)} Send /rebook to pick another time.`.slice(0, 200), show_alert: true });
      return;
    }
    throw e;
  }
});

export { composer as rebookFeature };
