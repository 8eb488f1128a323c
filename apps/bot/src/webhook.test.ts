import { describe, expect, it } from 'vitest';
import { createChatApi } from './api.ts';
import { createBot } from './bot.ts';
import { memoryLog } from './testing/silent-log.ts';
import { recordApiCalls, testBotInfo, textMessage } from './testing/telegram.ts';
import { createWebhookApp } from './webhook.ts';

function setup() {
  // /help needs no API, so the API address is never called.
  const bot = createBot({
    token: '1:x',
    api: createChatApi({ url: 'http://127.0.0.1:9', botSecret: 'x'.repeat(16) }),
    webUrl: 'http://web.test',
    botInfo: testBotInfo,
    log: memoryLog(),
  });
  const rec = recordApiCalls(bot);
  const app = createWebhookApp(bot, { secretToken: 'hook-secret_1' });
  return { rec, app };
}

const post = (app: ReturnType<typeof setup>['app'], body: unknown, secret?: string) =>
  app.request('/webhooks/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });

describe('webhook mode', () => {
  it('handles an update that carries the secret token', async () => {
    const { rec, app } = setup();
    const res = await post(app, textMessage({ chatId: 501 }, '/help'), 'hook-secret_1');
    expect(res.status).toBe(200);
    expect(rec.of('sendMessage')).toHaveLength(1);
    expect(rec.texts()[0]).toContain('/link');
  });

  it('refuses updates without the secret or with a wrong one, and does nothing', async () => {
    const { rec, app } = setup();
    expect((await post(app, textMessage({ chatId: 501 }, '/help'))).status).toBe(401);
    expect((await post(app, textMessage({ chatId: 501 }, '/help'), 'guess')).status).toBe(401);
    expect(rec.calls).toHaveLength(0);
  });
});
