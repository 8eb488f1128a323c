import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { createChatApi } from './api.ts';
import { createBot } from './bot.ts';
import { SANDBOX_BOT_TOKEN } from './env.ts';
import { memoryLog } from './testing/silent-log.ts';
import { blockedBy, buttonPress, recordApiCalls, testBotInfo, textMessage, type ApiCall } from './testing/telegram.ts';

/**
 * The bot driven with real Telegram updates against the real API: Hono server, temp-file
 * libSQL database migrated and seeded, the worker and the emulators. Only the Bot API side
 * is recorded instead of sent.
 */
let stack: TestStack;
let bot: ReturnType<typeof createBot>;
let rec: ReturnType<typeof recordApiCalls>;

const SAM = 'sam@demo.handled.test'; // provider
const PRIYA = 'priya@demo.handled.test'; // another provider
const MAYA = 'maya@demo.handled.test'; // client
const chats = {
  sam: { chatId: 910_001, username: 'sam_fixes' },
  priya: { chatId: 910_002 },
  maya: { chatId: 910_003 },
  stranger: { chatId: 910_099 },
};

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
  // As on Telegram, a person has opened the chat with the bot before anything is sent to it, so
  // the server's own notifications (same sandbox token, to the emulator) reach these chats.
  await new Api(SANDBOX_BOT_TOKEN, { apiRoot: stack.emulatorsUrl }).getMe();
  for (const chat of Object.values(chats)) {
    const res = await fetch(`${stack.emulatorsUrl}/_/telegram/chats/${chat.chatId}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(res.ok).toBe(true);
  }
});
afterAll(() => stack?.close());
beforeEach(() => rec.clear());

async function linkCodeFor(email: string) {
  const person = await stack.clientAs(email);
  return (await person.account.telegramLinkCode.mutate()).code;
}

async function link(email: string, chat: { chatId: number; username?: string }) {
  await bot.handleUpdate(textMessage(chat, `/start ${await linkCodeFor(email)}`));
  expect(rec.texts().at(-1)).toContain('This chat is linked to');
}

async function bookingAs(email: string, id: string) {
  return (await stack.clientAs(email)).bookings.get.query({ id });
}

function buttons(call: ApiCall | undefined): InlineKeyboardButton[] {
  const markup = call?.payload['reply_markup'] as { inline_keyboard?: InlineKeyboardButton[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

const callbackData = (b: InlineKeyboardButton) => ('callback_data' in b ? b.callback_data : undefined);

describe('linking a chat', () => {
  it('a valid code from /start links the chat to the account that made it', async () => {
    const code = await linkCodeFor(SAM);
    await bot.handleUpdate(textMessage(chats.sam, `/start ${code}`));
    expect(rec.texts().at(-1)).toMatch(/linked to <b>.+<\/b> \(sam@demo\.handled\.test\)/);
    const status = await (await stack.clientAs(SAM)).account.telegramStatus.query();
    expect(status).toMatchObject({ linked: true, username: 'sam_fixes' });
    // The chat now speaks for Sam.
    await bot.handleUpdate(textMessage(chats.sam, '/start'));
    expect(rec.texts().at(-1)).toMatch(/Welcome back/);
  });

  it('/link takes the code too, in any case, and a used code does not work twice', async () => {
    const code = await linkCodeFor(PRIYA);
    await bot.handleUpdate(textMessage(chats.priya, `/link ${code.toLowerCase()}`));
    expect(rec.texts().at(-1)).toContain('priya@demo.handled.test');
    await bot.handleUpdate(textMessage(chats.stranger, `/link ${code}`));
    expect(rec.texts().at(-1)).toBe('That code is not valid any more. Make a new one in Handled and try again.');
  });

  it('an invalid code is refused and links nothing', async () => {
    await bot.handleUpdate(textMessage(chats.stranger, '/start ZZZZ2222'));
    expect(rec.texts().at(-1)).toBe('That code is not valid any more. Make a new one in Handled and try again.');
    rec.clear();
    await bot.handleUpdate(textMessage(chats.stranger, '/bookings'));
    expect(rec.texts()[0]).toContain('Link your Handled account first');
  });

  it('/start without a code welcomes an unlinked person and explains linking', async () => {
    await bot.handleUpdate(textMessage(chats.stranger, '/start'));
    const text = rec.texts()[0] ?? '';
    expect(text).toContain("I'm the Handled bot");
    expect(text).toContain('/link YOUR-CODE');
  });
});

describe('answering a request from its buttons', () => {
  beforeAll(async () => {
    await link(SAM, chats.sam);
    await link(PRIYA, chats.priya);
    await link(MAYA, chats.maya);
  });

  it('an unlinked chat pressing Accept is refused and the booking stays requested', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await bot.handleUpdate(buttonPress(chats.stranger, `bk:accept:${b.id}`));
    expect(rec.of('answerCallbackQuery')[0]?.payload).toMatchObject({ text: 'Link your Handled account first.', show_alert: true });
    expect(rec.texts().join('\n')).toContain('/link YOUR-CODE');
    expect((await bookingAs(SAM, b.id)).status).toBe('requested');
  });

  it('the provider accepts through bk:accept: the booking is accepted and the message says so', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 2);
    const original = {
      message_id: 77,
      text: 'New request from Maya\nCleaning, 2 h',
      entities: [{ type: 'bold' as const, offset: 0, length: 21 }],
    };
    await bot.handleUpdate(buttonPress(chats.sam, `bk:accept:${b.id}`, original));

    const accepted = await bookingAs(SAM, b.id);
    expect(accepted.status).toBe('accepted');
    const clientName = accepted.client?.name ?? '';
    const [edit] = rec.of('editMessageText');
    expect(edit?.payload).toMatchObject({
      message_id: 77,
      chat_id: chats.sam.chatId,
      text: `${original.text}\n\n✅ Accepted — invoice sent to ${clientName}`,
      entities: original.entities,
    });
    expect(buttons(edit).map(callbackData)).toEqual([`bk:view:${b.id}`]);
    expect(rec.of('answerCallbackQuery')[0]?.payload['text']).toMatch(/^Accepted\./);

    // Pressing Accept again (a double tap) is refused in the API's words.
    rec.clear();
    await bot.handleUpdate(buttonPress(chats.sam, `bk:accept:${b.id}`, original));
    expect(rec.of('answerCallbackQuery')[0]?.payload).toMatchObject({ show_alert: true });
    expect(rec.of('editMessageText')).toHaveLength(0);

    // The client's card then offers to pay the invoice.
    await eventually(async () => {
      if (!(await bookingAs(MAYA, b.id)).invoice?.hostedUrl) throw new Error('no invoice yet');
    });
    rec.clear();
    await bot.handleUpdate(buttonPress(chats.maya, `bk:view:${b.id}`));
    const [card] = rec.of('sendMessage');
    expect(card?.payload['text']).toContain('Accepted — pay the invoice to confirm');
    const pay = buttons(card).find((x) => 'url' in x);
    expect(pay && 'url' in pay ? pay.url : '').toBe((await bookingAs(MAYA, b.id)).invoice?.hostedUrl);
    expect(pay?.text).toMatch(/^💳 Pay \$/);
  });

  it('declining offers quick reasons, and the chosen one reaches the client', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1.5);
    await bot.handleUpdate(buttonPress(chats.sam, `bk:decline:${b.id}`, { message_id: 88, text: 'New request' }));
    const [markup] = rec.of('editMessageReplyMarkup');
    expect(buttons(markup).map(callbackData)).toEqual([
      `bk:decline:${b.id}:booked`,
      `bk:decline:${b.id}:area`,
      `bk:decline:${b.id}:job`,
      `bk:decline:${b.id}:other`,
      `bk:back:${b.id}`,
    ]);
    expect((await bookingAs(SAM, b.id)).status).toBe('requested');

    rec.clear();
    await bot.handleUpdate(buttonPress(chats.sam, `bk:decline:${b.id}:area`, { message_id: 88, text: 'New request' }));
    const declined = await bookingAs(MAYA, b.id);
    expect(declined.status).toBe('declined');
    expect(declined.declineReason).toBe('That address is outside the area I cover.');
    expect(rec.of('editMessageText')[0]?.payload['text']).toContain('✖️ Declined — ');
  });

  it('"Other" asks for a reason; the typed reply declines with it', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await bot.handleUpdate(buttonPress(chats.sam, `bk:decline:${b.id}:other`));
    const [prompt] = rec.of('sendMessage');
    expect(prompt?.payload['reply_markup']).toMatchObject({ force_reply: true });
    expect((await bookingAs(SAM, b.id)).status).toBe('requested');

    // Telegram sends the reply with the prompt (as it was rendered: plain text) attached.
    const promptText = String(prompt?.payload['text']).replace(/<[^>]+>/g, '');
    rec.clear();
    await bot.handleUpdate(
      textMessage(chats.sam, 'My van is in the garage that week', {
        reply_to_message: {
          message_id: 5,
          date: 0,
          chat: { id: chats.sam.chatId, type: 'private', first_name: 'Sam' },
          from: testBotInfo,
          text: promptText,
        },
      } as never),
    );
    const declined = await bookingAs(MAYA, b.id);
    expect(declined.status).toBe('declined');
    expect(declined.declineReason).toBe('My van is in the garage that week');
    expect(rec.texts()[0]).toContain('was told: “My van is in the garage that week”');
  });

  it('another provider pressing Accept on Sam’s booking is refused, clearly, and nothing changes', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await bot.handleUpdate(buttonPress(chats.priya, `bk:accept:${b.id}`));
    const [answer] = rec.of('answerCallbackQuery');
    expect(answer?.payload['show_alert']).toBe(true);
    expect(answer?.payload['text']).toBe(
      `We could not find that booking. This chat is linked to ${(await (await stack.clientAs(PRIYA)).account.me.query()).name} (${PRIYA}).`,
    );
    expect(rec.of('editMessageText')).toHaveLength(0);
    expect((await bookingAs(SAM, b.id)).status).toBe('requested');
  });

  it('a client pressing Accept is told only providers can', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await bot.handleUpdate(buttonPress(chats.maya, `bk:accept:${b.id}`));
    expect(rec.of('answerCallbackQuery')[0]?.payload['text']).toMatch(/Only provider accounts can do this\./);
    expect((await bookingAs(SAM, b.id)).status).toBe('requested');
  });
});

describe('/bookings and the booking card', () => {
  it('a provider sees pending requests first, each with a View button, and the card offers Accept/Decline', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await bot.handleUpdate(textMessage(chats.sam, '/bookings'));
    const [list] = rec.of('sendMessage');
    expect(String(list?.payload['text'])).toMatch(/^<b>Waiting for your answer<\/b>/);
    expect(buttons(list).map(callbackData)).toContain(`bk:view:${b.id}`);

    rec.clear();
    await bot.handleUpdate(buttonPress(chats.sam, `bk:view:${b.id}`));
    const [card] = rec.of('sendMessage');
    const me = await (await stack.clientAs(SAM)).account.me.query();
    const text = String(card?.payload['text']);
    expect(text).toContain('Status: New request — waiting for your answer');
    expect(text).toContain(`(${me.timeZone})`);
    expect(text).toContain('Hours: 1 hour');
    expect(text).toContain('Where: New York');
    expect(text).toMatch(/Total: \$[\d,]+\.\d\d \(you earn \$/);
    expect(buttons(card).map(callbackData).slice(0, 2)).toEqual([`bk:accept:${b.id}`, `bk:decline:${b.id}`]);
    // No street before the provider accepts, as every list.
    expect(text).not.toContain('map</a>');
    expect(rec.of('answerCallbackQuery')).toHaveLength(1);
  });

  it('someone else’s booking cannot be viewed', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await bot.handleUpdate(buttonPress(chats.priya, `bk:view:${b.id}`));
    expect(rec.of('sendMessage')).toHaveLength(0);
    expect(rec.of('answerCallbackQuery')[0]?.payload).toMatchObject({ show_alert: true, text: 'We could not find that booking.' });
  });

  it('/unlink stops the chat speaking for the person', async () => {
    await bot.handleUpdate(textMessage(chats.priya, '/unlink'));
    expect(rec.texts()[0]).toContain('no longer linked to priya@demo.handled.test');
    expect(await (await stack.clientAs(PRIYA)).account.telegramStatus.query()).toMatchObject({ linked: false });
    rec.clear();
    await bot.handleUpdate(textMessage(chats.priya, '/bookings'));
    expect(rec.texts()[0]).toContain('Link your Handled account first');
  });

  it('blocking the bot unlinks the chat, so nothing more is sent to it', async () => {
    await link(MAYA, chats.maya);
    rec.clear();
    await bot.handleUpdate(blockedBy(chats.maya));
    expect(await (await stack.clientAs(MAYA)).account.telegramStatus.query()).toMatchObject({ linked: false });
    // Nothing is said back: the person has blocked the bot.
    expect(rec.calls).toHaveLength(0);
  });
});
