import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

/** The commands Telegram shows in its menu (setMyCommands) and /help explains. */
export const botCommands = [
  { command: 'bookings', description: 'Your upcoming bookings and requests' },
  { command: 'link', description: 'Link this chat to your Handled account: /link CODE' },
  { command: 'unlink', description: 'Stop Handled updates in this chat' },
  { command: 'help', description: 'What I can do' },
  { command: 'start', description: 'Welcome and linking' },
] as const;

const composer = new Composer<BotContext>();

composer.command('help', (ctx) =>
  ctx.reply(
    [
      '<b>Handled bot</b>',
      'I bring your Handled bookings to Telegram: providers get new requests with Accept and Decline buttons, clients get updates and invoices to pay.',
      '',
      ...botCommands.map((c) => `/${c.command} — ${c.description}`),
      '',
      `To link, open your account on Handled (${ctx.config.webUrl}/account), choose <b>Link Telegram</b> and open the link it gives you (or send me the code).`,
    ].join('\n'),
    { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  ),
);

export { composer as helpFeature };
