import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '@handled/emulators';
import { createTelegramSender, TelegramRefused } from './sender.ts';

/** The server's Telegram sender against the Bot API emulator: Telegram's 429 is waited out, a refusal is final. */
const TOKEN = '123456:sandbox-handled-bot-token';
let emu: RunningEmulators;

beforeAll(async () => {
  emu = await startEmulators({ port: 0 });
});
afterAll(() => emu?.close());

async function openChat(chatId: number) {
  const res = await fetch(`${emu.url}/_/telegram/chats/${chatId}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'hello', from: { first_name: 'Test' } }),
  });
  expect(res.ok).toBe(true);
}

describe('Telegram sender', () => {
  it('waits out a 429 (retry_after) and sends, with the buttons', async () => {
    const sender = createTelegramSender({ token: TOKEN, apiRoot: emu.url });
    await sender.botInfo();
    await openChat(940_001);
    const fault = await fetch(`${emu.url}/_/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: `/bot${TOKEN}/sendMessage`, status: 429 }),
    });
    expect(fault.status).toBe(201);
    const { messageId } = await sender.send('940001', '<b>Reminder</b>', [[{ text: 'View booking', data: 'bk:view:abc' }]]);
    const chat = (await (await fetch(`${emu.url}/_/telegram/chats/940001/messages`)).json()) as {
      messages: { message_id: number; text: string; reply_markup?: { inline_keyboard: { callback_data?: string }[][] } }[];
    };
    const sent = chat.messages.find((m) => m.message_id === messageId);
    expect(sent?.text).toBe('Reminder');
    expect(sent?.reply_markup?.inline_keyboard[0]?.[0]?.callback_data).toBe('bk:view:abc');
  });

  it('a chat Telegram does not know is refused for good (no retry loop)', async () => {
    const sender = createTelegramSender({ token: TOKEN, apiRoot: emu.url });
    await expect(sender.send('949999', 'hi')).rejects.toBeInstanceOf(TelegramRefused);
  });
});
