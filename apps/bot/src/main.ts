import { serve } from '@hono/node-server';
import { createChatApi } from './api.ts';
import { consoleLogger, createBot, setCommands } from './bot.ts';
import { loadBotEnv } from './env.ts';
import { createWebhookApp } from './webhook.ts';

/**
 * Starts the bot: long polling by default (the sandbox's Bot API emulator, or Telegram with a
 * real token), or webhook mode with BOT_MODE=webhook (see README).
 */
const env = loadBotEnv();
const log = consoleLogger;
const bot = createBot({
  token: env.token,
  apiRoot: env.apiRoot,
  api: createChatApi({ url: env.API_URL, botSecret: env.BOT_SERVICE_SECRET }),
  webUrl: env.WEB_URL,
  log,
});

await bot.init();
await setCommands(bot);
log.info(
  { username: bot.botInfo.username, apiRoot: env.apiRoot ?? 'https://api.telegram.org', mode: env.BOT_MODE, sandbox: env.sandbox },
  'bot ready',
);

if (env.BOT_MODE === 'webhook') {
  const secretToken = env.BOT_WEBHOOK_SECRET ?? '';
  const app = createWebhookApp(bot, { secretToken });
  const server = serve({ fetch: app.fetch, port: env.BOT_WEBHOOK_PORT, hostname: '0.0.0.0' });
  if (env.BOT_WEBHOOK_URL)
    await bot.api.setWebhook(env.BOT_WEBHOOK_URL, {
      secret_token: secretToken,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
  log.info({ port: env.BOT_WEBHOOK_PORT, url: env.BOT_WEBHOOK_URL ?? null }, 'listening for webhooks');
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  const stop = () => void bot.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A webhook left set would make getUpdates fail; polling and webhooks exclude each other.
  await bot.api.deleteWebhook();
  await bot.start({ allowed_updates: ['message', 'callback_query', 'my_chat_member'], onStart: () => log.info({}, 'long polling') });
}
