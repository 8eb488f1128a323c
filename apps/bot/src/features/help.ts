import { Composer, GrammyError, InlineKeyboard, type Api } from 'grammy';
import { escapeHtml } from '@handled/core/html';
import type { BotCommand } from 'grammy/types';
import { z } from 'zod';
import { notificationGroupLabels, notificationGroups } from '@handled/core/notification-choices';
import type { BotContext } from '../context.ts';
import type { Me } from '../lib/format.ts';
import { isNotLinked, notLinkedText, requireAccount } from '../lib/replies.ts';

/** What each kind of person can do here: the command menu (setMyCommands, per chat) and /help. */
const unlinkedCommands: BotCommand[] = [
  { command: 'start', description: 'Welcome and linking' },
  { command: 'link', description: 'Link this chat to your Handled account: /link CODE' },
  { command: 'help', description: 'What I can do' },
];
const clientCommands: BotCommand[] = [
  { command: 'bookings', description: 'Your upcoming bookings: pay, reschedule, cancel, message' },
  { command: 'rebook', description: 'Book a favourite again in three taps' },
  { command: 'settings', description: 'Which updates come to Telegram' },
  { command: 'help', description: 'What I can do' },
  { command: 'unlink', description: 'Stop Handled updates in this chat' },
];
const providerCommands: BotCommand[] = [
  { command: 'today', description: 'Today’s jobs with addresses and map links' },
  { command: 'week', description: 'The next 7 days' },
  { command: 'requests', description: 'Requests waiting for your answer' },
  { command: 'bookings', description: 'Requests and upcoming jobs' },
  { command: 'earnings', description: 'This week and this month' },
  { command: 'settings', description: 'Which updates come to Telegram' },
  { command: 'help', description: 'What I can do' },
  { command: 'unlink', description: 'Stop Handled updates in this chat' },
];

export function commandsFor(me: Me | null): BotCommand[] {
  if (!me) return unlinkedCommands;
  return me.role === 'provider' ? providerCommands : me.role === 'client' ? clientCommands : [unlinkedCommands[2]!, clientCommands[3]!];
}

/** The default menu (nobody linked) for every private chat. */
export async function setDefaultCommands(api: Api): Promise<void> {
  await api.setMyCommands(unlinkedCommands, { scope: { type: 'all_private_chats' } });
}

/** This chat's menu for the person linked to it (Telegram's chat scope), or the default once unlinked. */
export async function setChatCommands(ctx: BotContext, me: Me | null): Promise<void> {
  const chatId = ctx.chatId;
  if (chatId === undefined) return;
  try {
    if (me) await ctx.api.setMyCommands(commandsFor(me), { scope: { type: 'chat', chat_id: chatId } });
    else await ctx.api.deleteMyCommands({ scope: { type: 'chat', chat_id: chatId } });
  } catch (e) {
    // The menu is a convenience: a failure here must not fail what the person asked for.
    ctx.log.info({ err: e instanceof Error ? e.message : String(e) }, 'could not set the chat’s commands');
  }
}

const composer = new Composer<BotContext>();

composer.command('help', async (ctx) => {
  let me: Me | null = null;
  try {
    me = await ctx.handled.account.me.query();
  } catch (e) {
    // Help still answers while the API is away: with what anyone can do.
    if (!isNotLinked(e)) ctx.log.error({ err: e instanceof Error ? e.message : String(e) }, 'help without the account');
  }
  const intro = !me
    ? 'I bring your Handled bookings to Telegram. Link your account first:'
    : me.role === 'provider'
      ? 'New requests arrive here with <b>Accept</b> and <b>Decline</b>; each job’s card has <b>On my way</b>, <b>Start</b>, <b>Complete</b>, a new time and messages.'
      : 'Updates and invoices arrive here; each booking’s card has <b>Pay</b>, <b>Reschedule</b>, <b>Cancel</b>, messages, and after the job <b>All done</b> and <b>Rate</b>.';
  await ctx.reply(
    [
      '<b>Handled bot</b>',
      intro,
      '',
      ...commandsFor(me).map((c) => `/${c.command} — ${c.description}`),
      ...(me ? [] : ['', notLinkedText(ctx.config.webUrl)]),
    ].join('\n'),
    { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  );
  await setChatCommands(ctx, me);
});

/** /settings: which groups of updates come to Telegram and the quiet hours (the same preferences as the site's and desk's). */
const groupSchema = z.enum(notificationGroups);
const quietChoices = { off: null, '22-07': { start: '22:00', end: '07:00' }, '21-08': { start: '21:00', end: '08:00' } } as const;
const quietSchema = z.enum(['off', '22-07', '21-08']);

async function settingsView(ctx: BotContext, me: Me) {
  const prefs = await ctx.handled.notifications.preferences.query();
  const side = me.role === 'provider' ? 'provider' : 'client';
  const kb = new InlineKeyboard();
  for (const g of notificationGroups)
    kb.text(`${prefs.choices[g].telegram ? '🔔' : '🔕'} ${notificationGroupLabels[g][side].title}`, `st:${g}`).row();
  const q = prefs.quietHours;
  for (const [key, value] of Object.entries(quietChoices)) {
    const on = value ? q?.start === value.start && q.end === value.end : !q;
    kb.text(`${on ? '● ' : ''}${value ? `🌙 ${value.start}–${value.end}` : 'No quiet hours'}`, `st:q:${key}`);
  }
  const text = [
    '<b>Updates in Telegram</b>',
    'Tap a line to turn it on or off here.',
    `Quiet hours (${escapeHtml(me.timeZone)}): ${q ? `${q.start}–${q.end} — updates wait until they end; urgent ones never wait` : 'none'}.`,
    'Email, SMS and the rest are in your account on Handled.',
  ].join('\n');
  return { text, kb };
}

composer.command('settings', async (ctx) => {
  const me = await requireAccount(ctx);
  if (!me) return;
  const { text, kb } = await settingsView(ctx, me);
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
});

composer.callbackQuery(/^st:/, async (ctx) => {
  const raw = ctx.callbackQuery.data.slice(3);
  const group = groupSchema.safeParse(raw);
  const quiet = raw.startsWith('q:') ? quietSchema.safeParse(raw.slice(2)) : null;
  if (!group.success && !quiet?.success) {
    await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
    return;
  }
  const me = await requireAccount(ctx);
  if (!me) return;
  let note: string;
  if (group.success) {
    const { choices } = await ctx.handled.notifications.preferences.query();
    const next = { ...choices, [group.data]: { ...choices[group.data], telegram: !choices[group.data].telegram } };
    await ctx.handled.notifications.savePreferences.mutate({ choices: next });
    note = next[group.data].telegram ? 'On.' : 'Off.';
  } else {
    const value = quietChoices[quiet!.data!];
    await ctx.handled.notifications.savePreferences.mutate({ quietHours: value ? { ...value } : null });
    note = value ? `Quiet from ${value.start} to ${value.end}.` : 'No quiet hours.';
  }
  const { text, kb } = await settingsView(ctx, me);
  try {
    await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb });
  } catch (e) {
    if (!(e instanceof GrammyError)) throw e;
  }
  await ctx.answerCallbackQuery({ text: note });
});

export { composer as helpFeature };
