// What other packages start the bot with: the e2e sandbox drives it against the emulators.
export { createChatApi } from './api.ts';
export { consoleLogger, createBot, setCommands, type BotDeps } from './bot.ts';
export { SANDBOX_BOT_TOKEN, loadBotEnv, type BotEnv } from './env.ts';
export { createWebhookApp } from './webhook.ts';
