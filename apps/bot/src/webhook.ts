import { Hono } from 'hono';
import { webhookCallback, type Bot } from 'grammy';
import type { BotContext } from './context.ts';

/**
 * Webhook mode (production past one machine): a Hono sub-app that receives Telegram's updates.
 * Telegram sends `X-Telegram-Bot-Api-Secret-Token` with the secret given to setWebhook; other
 * callers get 401. Mount it wherever the process serves HTTP: `app.route('/', createWebhookApp(…))`.
 */
export function createWebhookApp(bot: Bot<BotContext>, opts: { secretToken: string; path?: string }) {
  const app = new Hono();
  app.post(opts.path ?? '/webhooks/telegram', webhookCallback(bot, 'hono', { secretToken: opts.secretToken }));
  return app;
}
