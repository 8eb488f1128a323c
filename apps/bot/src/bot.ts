import { Bot, lazySession } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { UserFromGetMe } from 'grammy/types';
import { createContextConstructor, type ApiForChat, type BotContext, type BotLogger } from './context.ts';
import { answerFeature } from './features/answer.ts';
import { bookingsFeature } from './features/bookings.ts';
import { noShowFeature } from './features/no-show.ts';
import { helpFeature, setDefaultCommands } from './features/help.ts';
import { actionsFeature } from './features/actions.ts';
import { providerFeature } from './features/provider.ts';
import { rescheduleFeature } from './features/reschedule.ts';
import { rebookFeature } from './features/rebook.ts';
import { apiSessionStorage, type BotSession } from './lib/session.ts';
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

  // Telegram's limits: calls are spaced per chat and overall (throttler), and a 429's retry_after
  // (or a 5xx) is waited out and the call made again (auto-retry, outermost so it sees the answer).
  bot.api.config.use(apiThrottler());
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const features = bot.errorBoundary(errorBoundaryHandler);
  // A chat's flow state in libSQL through the API, read only by the features that use it.
  features.use(
    lazySession<BotSession, BotContext>({
      initial: () => ({}),
      storage: apiSessionStorage(deps.api),
      getSessionKey: (ctx) => (ctx.chat?.type === 'private' ? String(ctx.chat.id) : undefined),
    }),
  );
  features.use(startFeature);
  features.use(helpFeature);
  features.use(bookingsFeature);
  features.use(answerFeature);
  features.use(noShowFeature);
  features.use(rescheduleFeature);
  features.use(actionsFeature);
  features.use(providerFeature);
  features.use(rebookFeature);
  // Last: whatever nothing above took.
  features.use(unhandledFeature);

  // Only reached if the boundary's own handler throws.
  bot.catch((err) => log.error({ updateId: err.ctx.update.update_id, err: String(err.error) }, 'error outside the boundary'));
  return bot;
}

/**
 * Publishes the command menu Telegram shows next to the message box: the unlinked person's for
 * every private chat; each chat gets its person's (client or provider) when it links or asks /help.
 */
export async function setCommands(bot: Bot<BotContext>): Promise<void> {
  await setDefaultCommands(bot.api);
}
