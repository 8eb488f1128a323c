import { Composer } from 'grammy';
import { escapeHtml } from '@handled/core/html';
import type { BotContext } from '../context.ts';
import { linkCodeSchema } from '../lib/callback-data.ts';
import type { Me } from '../lib/format.ts';
import { explainFailure, isNotLinked, notLinkedText } from '../lib/replies.ts';
import { setChatCommands } from './help.ts';

const composer = new Composer<BotContext>();

/** Linking ties a chat to an account, so it only happens in a person's private chat with the bot. */
const privateChat = composer.chatType('private');

composer
  .chatType(['group', 'supergroup', 'channel'])
  .command(['start', 'link', 'unlink'], (ctx) => ctx.reply('Please talk to me in a private chat: open my profile and press Start.'));

function whatYouCanDo(me: Me): string {
  if (me.role === 'provider')
    return 'New requests will arrive here with <b>Accept</b> and <b>Decline</b> buttons. /today and /week show your jobs, /requests what waits for an answer, /help the rest.';
  if (me.role === 'client')
    return 'Updates and invoices for your bookings will arrive here. /bookings shows what is coming up, /help the rest.';
  return 'You will get booking updates here.';
}

function linkedText(me: Me): string {
  return `✅ This chat is linked to <b>${escapeHtml(me.name)}</b> (${escapeHtml(me.email)}).\n${whatYouCanDo(me)}`;
}

async function link(ctx: BotContext, rawCode: string) {
  const code = linkCodeSchema.safeParse(rawCode);
  if (!code.success) {
    await ctx.reply(`That doesn't look like a link code. ${code.error.issues[0]?.message ?? ''}\n\nSend <code>/link YOUR-CODE</code>.`, {
      parse_mode: 'HTML',
    });
    return;
  }
  try {
    await ctx.handled.account.telegramRedeem.mutate({
      code: code.data,
      chatId: String(ctx.chatId),
      ...(ctx.from?.username ? { username: ctx.from.username } : {}),
    });
    const me = await ctx.handled.account.me.query();
    ctx.log.info({ chatId: ctx.chatId, userId: me.id }, 'chat linked');
    await ctx.reply(linkedText(me), { parse_mode: 'HTML' });
    await setChatCommands(ctx, me);
  } catch (e) {
    await explainFailure(ctx, e);
  }
}

privateChat.command('start', async (ctx) => {
  // Deep link t.me/<bot>?start=CODE arrives as "/start CODE".
  if (ctx.match.trim()) return link(ctx, ctx.match);
  try {
    const me = await ctx.handled.account.me.query();
    await ctx.reply(`👋 Welcome back, ${escapeHtml(me.name.split(' ')[0] ?? me.name)}.\n${linkedText(me)}`, { parse_mode: 'HTML' });
  } catch (e) {
    if (!isNotLinked(e)) throw e;
    await ctx.reply(
      `👋 Hi! I'm the Handled bot. Once your Handled account is linked to this chat I'll send you booking requests, invoices and updates, and you can answer them right here.\n\n${notLinkedText(ctx.config.webUrl)}`,
      { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    );
  }
});

privateChat.command('link', async (ctx) => {
  if (!ctx.match.trim()) {
    await ctx.reply('Send the code from Handled after the command, like this: <code>/link 7KQ2M9XA</code>', { parse_mode: 'HTML' });
    return;
  }
  await link(ctx, ctx.match);
});

privateChat.command('unlink', async (ctx) => {
  try {
    const me = await ctx.handled.account.me.query();
    await ctx.handled.account.telegramUnlink.mutate();
    ctx.log.info({ chatId: ctx.chat.id, userId: me.id }, 'chat unlinked');
    await setChatCommands(ctx, null);
    await ctx.reply(
      `This chat is no longer linked to ${me.email}. You won't get Handled updates here. Link again any time with a new code.`,
    );
  } catch (e) {
    if (isNotLinked(e)) await ctx.reply("This chat isn't linked to a Handled account.");
    else await explainFailure(ctx, e);
  }
});

// Blocking the bot ends the link: Telegram would refuse every later message to this chat anyway.
privateChat.on('my_chat_member', async (ctx) => {
  if (ctx.myChatMember.new_chat_member.status !== 'kicked') return;
  try {
    await ctx.handled.account.telegramUnlink.mutate();
    ctx.log.info({ chatId: ctx.chatId }, 'chat unlinked: the person blocked the bot');
  } catch (e) {
    if (!isNotLinked(e)) throw e;
  }
});

export { composer as startFeature };
