import { Bot, InlineKeyboard } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { waitFor } from '../testing.ts';

const TOKEN = '123456:TEST-token_abcdefghijklmnopqrstuvwxyz';
let running: RunningEmulators;

beforeAll(async () => {
  running = await startEmulators({ port: 0, telegram: { bots: [{ token: TOKEN, username: 'handled_test_bot' }] } });
});
afterAll(() => running.close());

interface Transcript {
  messages: Array<{
    by: string;
    message_id: number;
    text: string;
    reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
  }>;
  callbackAnswers: Array<{ text: string | null }>;
}

const control = (path: string, body?: unknown) =>
  fetch(
    `${running.url}/_/telegram${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
const transcript = async (chatId: number) => (await (await control(`/chats/${chatId}/messages`)).json()) as Transcript;

describe('Telegram Bot API with grammY long polling', () => {
  it('runs a command and a button press end to end', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: running.url } });
    bot.command('start', (ctx) =>
      ctx.reply(`Hi <b>${ctx.from?.first_name}</b>! Confirm?`, {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().text('Yes', 'confirm:yes').text('No', 'confirm:no'),
      }),
    );
    bot.callbackQuery(/^confirm:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Noted' });
      await ctx.editMessageText(`You said ${ctx.match[1]}`);
    });
    await bot.api.setMyCommands([{ command: 'start', description: 'Start' }]);
    const started = new Promise<void>((resolve) => void bot.start({ onStart: () => resolve(), timeout: 1 }));
    await started;
    expect(bot.botInfo.username).toBe('handled_test_bot');

    const sent = await control('/chats/4242/send', { text: '/start', from: { first_name: 'Ann' } });
    expect(sent.status).toBe(200);
    let t = await pollFor(4242, (x) => x.messages.some((m) => m.by === 'bot'));
    const botMsg = t.messages.find((m) => m.by === 'bot')!;
    expect(botMsg.text).toBe('Hi Ann! Confirm?');
    expect(botMsg.reply_markup?.inline_keyboard[0]?.map((b) => b.callback_data)).toEqual(['confirm:yes', 'confirm:no']);

    const press = await control('/chats/4242/press', { messageId: botMsg.message_id, data: 'confirm:yes' });
    expect(press.status).toBe(200);
    t = await pollFor(4242, (x) => x.messages.some((m) => m.text === 'You said yes'));
    expect(t.callbackAnswers.map((a) => a.text)).toEqual(['Noted']);
    expect(t.messages.find((m) => m.message_id === botMsg.message_id)?.reply_markup).toBeUndefined();

    expect(await bot.api.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }]);
    await bot.stop();
  });

  it("answers Bot API errors in Telegram's envelope", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: running.url } });
    await expect(bot.api.sendMessage(999, 'hello')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    await control('/chats/77/send', { text: 'hi' });
    await expect(bot.api.sendMessage(77, '<b>oops', { parse_mode: 'HTML' })).rejects.toMatchObject({ error_code: 400 });
    await expect(bot.api.sendMessage(77, 'Total 1.5', { parse_mode: 'MarkdownV2' })).rejects.toMatchObject({ error_code: 400 });
    const m = await bot.api.sendMessage(77, 'same');
    await expect(bot.api.editMessageText(77, m.message_id, 'same')).rejects.toMatchObject({
      description: expect.stringContaining('message is not modified'),
    });
    const wrong = await fetch(`${running.url}/bot999:nope/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const press = await control(`/chats/77/press`, { messageId: m.message_id, data: 'nothing' });
    expect(press.status).toBe(400);
  });

  it('confirms updates by offset and filters by allowed_updates', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: running.url } });
    const leftover = await bot.api.getUpdates({ offset: -1, timeout: 0 });
    if (leftover.length) await bot.api.getUpdates({ offset: leftover.at(-1)!.update_id + 1, timeout: 0 });
    await control('/chats/55/send', { text: 'one' });
    await control('/chats/55/send', { text: 'two' });
    const first = await bot.api.getUpdates({ timeout: 0 });
    expect(first.map((u) => u.message?.text)).toEqual(['one', 'two']);
    const rest = await bot.api.getUpdates({ offset: first[1]!.update_id + 1, timeout: 0 });
    expect(rest).toEqual([]);
    // A long poll returns as soon as an update arrives.
    const polling = bot.api.getUpdates({ offset: first[1]!.update_id + 1, timeout: 10 });
    setTimeout(() => void control('/chats/55/send', { text: 'three' }), 50);
    const started = Date.now();
    expect((await polling).map((u) => u.message?.text)).toEqual(['three']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('pushes updates to a webhook with the secret token header', async () => {
    const { Hono } = await import('hono');
    const { listen } = await import('../testing.ts');
    const got: Array<{ secret: string | undefined; text: string | undefined }> = [];
    const hook = new Hono().post('/tg', async (c) => {
      const update = (await c.req.json()) as { message?: { text?: string } };
      got.push({ secret: c.req.header('x-telegram-bot-api-secret-token'), text: update.message?.text });
      return c.text('ok');
    });
    const server = await listen(hook);
    const bot = new Bot(TOKEN, { client: { apiRoot: running.url } });
    await bot.api.setWebhook(`${server.url}/tg`, { secret_token: 's3cret', drop_pending_updates: true });
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await control('/chats/66/send', { text: 'via hook' });
    await waitFor(() => got.length > 0);
    expect(got).toEqual([{ secret: 's3cret', text: 'via hook' }]);
    await bot.api.deleteWebhook();
    await server.close();
  });

  it("renders the chat view with the bot's buttons", async () => {
    const page = await (await fetch(`${running.url}/_/telegram/chats/4242`)).text();
    expect(page).toContain('You said yes');
    expect(page).toContain('name="text"');
    const index = await (await fetch(`${running.url}/_/telegram`)).text();
    expect(index).toContain('/_/telegram/chats/4242');
  });
});

async function pollFor(chatId: number, ok: (t: Transcript) => boolean): Promise<Transcript> {
  const started = Date.now();
  for (;;) {
    const t = await transcript(chatId);
    if (ok(t)) return t;
    if (Date.now() - started > 5000) throw new Error(`timed out: ${JSON.stringify(t)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
