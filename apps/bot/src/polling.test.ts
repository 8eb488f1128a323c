import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { createChatApi } from './api.ts';
import { createBot, setCommands } from './bot.ts';
import { SANDBOX_BOT_TOKEN } from './env.ts';
import { memoryLog } from './testing/silent-log.ts';

/**
 * The whole sandbox loop: the bot long-polls the Telegram Bot API emulator, a person types and
 * presses buttons through the emulator's control endpoints, and the server's own notification
 * (sent with the same bot token) carries the Accept button the provider presses.
 */
let stack: TestStack;
let bot: ReturnType<typeof createBot>;
let polling: Promise<void>;
const SAM = 'sam@demo.handled.test';
const chatId = 920_001;

interface ChatMessage {
  message_id: number;
  by: 'bot' | 'user';
  text?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
}

async function control(path: string, body?: unknown) {
  const res = await fetch(`${stack.emulatorsUrl}/_/telegram/chats/${chatId}${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as { ok: boolean; messages?: ChatMessage[]; description?: string };
  if (!json.ok) throw new Error(json.description);
  return json;
}

const botMessages = async () => ((await control('/messages')).messages ?? []).filter((m) => m.by === 'bot');

beforeAll(async () => {
  stack = await startTestStack();
  bot = createBot({
    token: SANDBOX_BOT_TOKEN,
    apiRoot: stack.emulatorsUrl,
    api: createChatApi({ url: stack.apiUrl, botSecret: stack.env.BOT_SERVICE_SECRET }),
    webUrl: stack.env.WEB_URL,
    log: memoryLog(),
  });
  await bot.init();
  await setCommands(bot);
  polling = bot.start({ allowed_updates: ['message', 'callback_query'] });
});
afterAll(async () => {
  await bot?.stop();
  await polling;
  await stack?.close();
});

describe('long polling against the Telegram emulator', () => {
  it('publishes the command menu', async () => {
    // Every private chat starts with the unlinked menu; a chat gets its role's menu when it links (flows.test.ts).
    const commands = await bot.api.getMyCommands({ scope: { type: 'all_private_chats' } });
    expect(commands.map((c) => c.command)).toEqual(['start', 'link', 'help']);
  });

  it('a provider links by deep link, gets the server’s request, and accepts it with the button', async () => {
    const { code } = await (await stack.clientAs(SAM)).account.telegramLinkCode.mutate();
    await control('/send', { text: `/start ${code}`, from: { first_name: 'Sam', username: 'sam_fixes' } });
    await eventually(async () => {
      expect((await botMessages()).at(-1)?.text).toContain('This chat is linked to');
    });

    const booking = await createBookingFor(stack, 'maya@demo.handled.test', SAM, 2);
    // The server's worker sends "New request from …" with the Accept/Decline buttons.
    const request = await eventually(async () => {
      const m = (await botMessages()).find((x) =>
        x.reply_markup?.inline_keyboard?.flat().some((b) => b.callback_data === `bk:accept:${booking.id}`),
      );
      if (!m) throw new Error('no request message yet');
      return m;
    });
    expect(request.text).toMatch(/New request from/);

    await control('/press', { messageId: request.message_id, data: `bk:accept:${booking.id}` });
    await eventually(async () => {
      const edited = (await botMessages()).find((m) => m.message_id === request.message_id);
      expect(edited?.text).toMatch(/✅ Accepted — invoice sent to /);
    });
    const sam = await stack.clientAs(SAM);
    expect((await sam.bookings.get.query({ id: booking.id })).status).toBe('accepted');
  });
});
