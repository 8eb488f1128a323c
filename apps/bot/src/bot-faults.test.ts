import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createChatApi } from './api.ts';
import { createBot } from './bot.ts';
import { memoryLog } from './testing/silent-log.ts';
import { buttonPress, recordApiCalls, testBotInfo, textMessage } from './testing/telegram.ts';

/** A loopback port with nothing listening: the API is down. */
async function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function botWithApiDown() {
  const log = memoryLog();
  const bot = createBot({
    token: '1:x',
    api: createChatApi({ url: `http://127.0.0.1:${await deadPort()}`, botSecret: 'x'.repeat(16) }),
    webUrl: 'http://web.test',
    botInfo: testBotInfo,
    log,
  });
  return { bot, log, rec: recordApiCalls(bot) };
}

describe('when the API cannot be reached', () => {
  it('a command gets a plain apology, and the failure is logged', async () => {
    const { bot, log, rec } = await botWithApiDown();
    await bot.handleUpdate(textMessage({ chatId: 601 }, '/bookings'));
    expect(rec.texts()).toEqual(['We could not reach Handled. Please try again in a minute.']);
    expect(log.entries.some((e) => e.level === 'error' && e.msg === 'update failed')).toBe(true);
  });

  it('a button press is answered with an alert, so its spinner stops', async () => {
    const { bot, rec } = await botWithApiDown();
    await bot.handleUpdate(buttonPress({ chatId: 601 }, 'bk:accept:3f2b8c1e-6a7d-4e59-9b0a-1c2d3e4f5a6b'));
    const [answer] = rec.of('answerCallbackQuery');
    expect(answer?.payload).toMatchObject({ show_alert: true, text: 'We could not reach Handled. Please try again in a minute.' });
    expect(rec.of('editMessageText')).toHaveLength(0);
  });
});

describe('input the bot refuses before calling the API', () => {
  it('stale or forged button data is answered and goes nowhere', async () => {
    const { bot, rec } = await botWithApiDown();
    await bot.handleUpdate(buttonPress({ chatId: 602 }, 'bk:accept:<b>hi</b>'));
    await bot.handleUpdate(buttonPress({ chatId: 602 }, 'something:else'));
    expect(rec.of('answerCallbackQuery').map((c) => c.payload['text'])).toEqual([
      'That button is out of date.',
      'This button no longer works. Try /bookings.',
    ]);
    expect(rec.of('sendMessage')).toHaveLength(0);
  });

  it('a malformed link code is explained without calling the API', async () => {
    const { bot, rec, log } = await botWithApiDown();
    await bot.handleUpdate(textMessage({ chatId: 603 }, '/link not-a-code!'));
    expect(rec.texts()[0]).toMatch(/doesn't look like a link code/);
    expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(0);
  });

  it('a command in a group is redirected to a private chat', async () => {
    const { bot, rec } = await botWithApiDown();
    const update = textMessage({ chatId: 604 }, '/start');
    update.message!.chat = { id: -100123, type: 'supergroup', title: 'Team' };
    await bot.handleUpdate(update);
    expect(rec.texts()[0]).toMatch(/private chat/);
  });
});
