import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InlineKeyboardButton } from 'grammy/types';
import { confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';
import { createChatApi } from './api.ts';
import { createBot } from './bot.ts';
import { memoryLog } from './testing/silent-log.ts';
import { buttonPress, recordApiCalls, testBotInfo, textMessage, type ApiCall } from './testing/telegram.ts';

/** "The provider didn't come" from Telegram: offered on the card only after the grace period, the consequence first, then the report. */
let stack: TestStack;
let bot: ReturnType<typeof createBot>;
let rec: ReturnType<typeof recordApiCalls>;
const MAYA = 'maya@demo.handled.test';
const chat = { chatId: 920_003 };

beforeAll(async () => {
  stack = await startTestStack();
  bot = createBot({
    token: '1:test',
    api: createChatApi({ url: stack.apiUrl, botSecret: stack.env.BOT_SERVICE_SECRET }),
    webUrl: stack.env.WEB_URL,
    botInfo: testBotInfo,
    log: memoryLog(),
  });
  rec = recordApiCalls(bot);
  const code = (await (await stack.clientAs(MAYA)).account.telegramLinkCode.mutate()).code;
  await bot.handleUpdate(textMessage(chat, `/start ${code}`));
});
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

const data = (call: ApiCall | undefined) =>
  ((call?.payload['reply_markup'] as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard?.flat() ?? []).map((b) =>
    'callback_data' in b ? b.callback_data : undefined,
  );

describe("the provider didn't come", () => {
  it('is offered after the grace period, says what happens, and reports on the second tap', async () => {
    const b = await confirmedBookingFor(stack, MAYA, 'sam@demo.handled.test', 1);
    const start = new Date(b.startsAt).getTime();

    setClock(stack, start + 5 * 60_000);
    rec.clear();
    await bot.handleUpdate(buttonPress(chat, `bk:view:${b.id}`));
    expect(data(rec.of('sendMessage')[0])).not.toContain(`bk:noshow:${b.id}`);
    // A stale or hand-made button is answered with the rule, and nothing changes.
    rec.clear();
    await bot.handleUpdate(buttonPress(chat, `bk:noshow:${b.id}`));
    expect(String(rec.of('sendMessage')[0]?.payload['text'])).toContain('15 minutes after the start');

    setClock(stack, start + 20 * 60_000);
    rec.clear();
    await bot.handleUpdate(buttonPress(chat, `bk:view:${b.id}`));
    expect(data(rec.of('sendMessage')[0])).toContain(`bk:noshow:${b.id}`);

    rec.clear();
    await bot.handleUpdate(buttonPress(chat, `bk:noshow:${b.id}`));
    const ask = rec.of('sendMessage')[0];
    expect(String(ask?.payload['text'])).toContain('everything you paid');
    expect(data(ask)).toEqual([`bk:noshow:${b.id}:yes`, `bk:view:${b.id}`]);
    expect((await (await stack.clientAs(MAYA)).bookings.get.query({ id: b.id })).status).toBe('confirmed');

    rec.clear();
    await bot.handleUpdate(buttonPress(chat, `bk:noshow:${b.id}:yes`));
    expect(String(rec.of('editMessageText')[0]?.payload['text'])).toContain("didn't come");
    expect((await (await stack.clientAs(MAYA)).bookings.get.query({ id: b.id })).status).toBe('no_show');
  });
});
