import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { createContextConstructor, type ApiForChat, type BotContext, type BotLogger } from './context.ts';
import { answerFeature } from './features/answer.ts';
import { bookingsFeature } from './features/bookings.ts';
import { noShowFeature } from './features/no-show.ts';
import { botCommands, helpFeature } from './features/help.ts';
import { startFeature } from './features/start.ts';
import { unhandledFeature } from './features/unhandled.ts';
import { errorBoundaryHandler } from './lib/error-boundary.ts';

export interface BotDeps {
  token: string;
  /** The Bot API's origin: the local emulator in the sandbox; unset for api.telegram.org. */
  apiRoot?: string | undefined;
  /** The Handled API acting as whoever is linked to a chat (see createChatApi). */
  api: ApiForChat;
  /** The client site, for links in messages. */
  webUrl: string;
  log?: BotLogger;
  /** The bot's own identity when already known (tests, webhook cold starts): skips getMe. */
  botInfo?: UserFromGetMe;
}

export const consoleLogger: BotLogger = {
  info: (data, msg) => console.log(JSON.stringify({ level: 'info', msg, ...data })),
  error: (data, msg) => console.error(JSON.stringify({ level: 'error', msg, ...data })),
};

export function createBot(deps: BotDeps): Bot<BotContext> {
  const log = deps.log ?? consoleLogger;
  const bot = new Bot<BotContext>(deps.token, {
    ContextConstructor: createContextConstructor({ api: deps.api, config: { webUrl: deps.webUrl }, log }),
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}),
  });

  const features = bot.errorBoundary(errorBoundaryHandler);
  features.use(startFeature);
  features.use(helpFeature);
  features.use(bookingsFeature);
  features.use(answerFeature);
  features.use(noShowFeature);
  // Last: whatever nothing above took.
  features.use(unhandledFeature);

  // Only reached if the boundary's own handler throws.
  bot.catch((err) => log.error({ updateId: err.ctx.update.update_id, err: String(err.error) }, 'error outside the boundary'));
  return bot;
}

/** Publishes the command menu Telegram shows next to the message box. */
export async function setCommands(bot: Bot<BotContext>): Promise<void> {
  await bot.api.setMyCommands(botCommands.map((c) => ({ command: c.command, description: c.description })));
}
