import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatApi, createBot, setCommands, SANDBOX_BOT_TOKEN } from '@handled/bot';
import { createBookingFor, confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { launchChromium, shot, viewports } from './browser.ts';

/**
 * The Telegram bot's main flows for a client and a provider, clicked through the Telegram
 * emulator's chat pages in Chromium (its buttons are forms that press them): the real bot long
 * polls the emulator against the real API. Screenshots at 390 and 1280 px under
 * screenshots/telegram-<role>-<width>/.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
const CHATS = { sam: 950_001, maya: 950_002 };

let stack: TestStack;
let bot: ReturnType<typeof createBot>;
let polling: Promise<void>;
let browser: Browser;

interface Msg {
  message_id: number;
  by: string;
  text?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
}

async function messages(chatId: number): Promise<Msg[]> {
  const res = await fetch(`${stack.emulatorsUrl}/_/telegram/chats/${chatId}/messages`);
  return ((await res.json()) as { messages?: Msg[] }).messages?.filter((m) => m.by === 'bot') ?? [];
}

/** The latest bot message matching, once it is there. */
function botSays(chatId: number, pattern: RegExp, after = 0): Promise<Msg> {
  return eventually(async () => {
    const m = [...(await messages(chatId))].reverse().find((x) => x.message_id > after && pattern.test(x.text ?? ''));
    if (!m) throw new Error(`the bot has not said ${String(pattern)} yet`);
    return m;
  });
}

function messageWith(chatId: number, data: string): Promise<Msg> {
  return eventually(async () => {
    const m = [...(await messages(chatId))]
      .reverse()
      .find((x) => x.reply_markup?.inline_keyboard?.flat().some((k) => k.callback_data === data));
    if (!m) throw new Error(`no message with ${data}`);
    return m;
  });
}

/**
 * A chat page that stays as loaded until the test reloads it: the page reloads itself when the chat
 * changes (a timer), which would race the test's own reloads and form posts ("Not attached to an
 * active page"), so its timer is switched off here.
 */
async function openChat(chatId: number, width: keyof typeof viewports = 'phone'): Promise<Page> {
  const page = await browser.newPage({ viewport: viewports[width] });
  await page.addInitScript(() => {
    window.setInterval = (() => 0) as unknown as typeof window.setInterval;
  });
  await page.goto(`${stack.emulatorsUrl}/_/telegram/chats/${chatId}`);
  return page;
}

/** Types in the chat page's box and sends. */
async function type(page: Page, text: string) {
  await page.fill('.compose input', text);
  await Promise.all([page.waitForNavigation(), page.click('.compose button')]);
}

/** Presses a button of one message on the chat page. */
async function press(page: Page, messageId: number, label: string) {
  const button = page.locator(`.msg[data-message-id="${messageId}"] button`, { hasText: label }).first();
  await Promise.all([page.waitForNavigation(), button.click()]);
}

async function link(page: Page, chatId: number, email: string) {
  const { code } = await (await stack.clientAs(email)).account.telegramLinkCode.mutate();
  await type(page, `/start ${code}`);
  await botSays(chatId, /This chat is linked to/);
}

/** The chat as it is now, at both widths. */
async function shots(role: string, chatId: number, name: string) {
  for (const width of ['phone', 'desktop'] as const) {
    const page = await openChat(chatId, width);
    await shot(page, `telegram-${role}-${viewports[width].width}`, name);
    await page.close();
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  bot = createBot({
    token: SANDBOX_BOT_TOKEN,
    apiRoot: stack.emulatorsUrl,
    api: createChatApi({ url: stack.apiUrl, botSecret: stack.env.BOT_SERVICE_SECRET }),
    webUrl: stack.env.WEB_URL,
    log: { info: () => {}, error: () => {} },
  });
  await bot.init();
  await setCommands(bot);
  polling = bot.start({ allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  await polling;
  await stack?.close();
});

describe('the Telegram bot in the emulator’s chat pages', () => {
  it('a provider: links, accepts a request, and does a job from /today to complete', async () => {
    const page = await openChat(CHATS.sam);
    await link(page, CHATS.sam, SAM);
    const request = await createBookingFor(stack, MAYA, SAM, 1);
    const note = await messageWith(CHATS.sam, `bk:accept:${request.id}`);
    await page.reload();
    await press(page, note.message_id, 'Accept');
    await botSays(CHATS.sam, /Accepted — invoice sent/);
    await shots('provider', CHATS.sam, '01-request-accepted');

    const job = await confirmedBookingFor(stack, MAYA, SAM, 2);
    const start = new Date(job.startsAt).getTime();
    try {
      setClock(stack, start - 30 * 60_000);
      await page.reload();
      await type(page, '/today');
      const today = await botSays(CHATS.sam, /^Today, /);
      expect(today.text).toContain('map');
      await page.reload();
      await press(page, today.message_id, 'Maya');
      const card = await messageWith(CHATS.sam, `bk:omw:${job.id}`);
      await page.reload();
      await press(page, card.message_id, 'On my way');
      await botSays(CHATS.sam, /on your way/);
      await shots('provider', CHATS.sam, '02-today-on-my-way');
      setClock(stack, start);
      await page.reload();
      await press(page, card.message_id, 'Start');
      await botSays(CHATS.sam, /Job started/);
      setClock(stack, start + 2 * 3_600_000);
      await page.reload();
      await press(page, card.message_id, 'Complete');
      const hours = await botSays(CHATS.sam, /How long did the job take\?/);
      await page.reload();
      await press(page, hours.message_id, '2 h 15 min');
      await botSays(CHATS.sam, /Completed: 2 h 15 min/);
      await shots('provider', CHATS.sam, '03-completed');
      await type(page, '/help');
      await botSays(CHATS.sam, /Handled bot/);
      await shots('provider', CHATS.sam, '04-help');
    } finally {
      resetClock(stack);
    }
    await page.close();
  });

  it('a client: links, opens a booking, reschedules to a slot in her zone, and cancels another with the fee shown', async () => {
    const page = await openChat(CHATS.maya);
    await link(page, CHATS.maya, MAYA);
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    await page.reload();
    await type(page, '/bookings');
    const list = await botSays(CHATS.maya, /Upcoming/);
    const view = list.reply_markup?.inline_keyboard?.flat().find((k) => k.callback_data === `bk:view:${b.id}`);
    await page.reload();
    await press(page, list.message_id, view!.text);
    const card = await messageWith(CHATS.maya, `bk:resched:${b.id}`);
    await shots('client', CHATS.maya, '01-booking-card');
    await page.reload();
    await press(page, card.message_id, 'Reschedule');
    const day = await botSays(CHATS.maya, /Pick a new time/);
    await page.reload();
    await press(page, day.message_id, 'Later day');
    await botSays(CHATS.maya, /Day 2 of/);
    await shots('client', CHATS.maya, '02-reschedule-slots');
    const slots = (await messages(CHATS.maya)).find((m) => m.message_id === day.message_id)!;
    const slot = slots.reply_markup!.inline_keyboard!.flat().find((k) => k.callback_data?.startsWith('bk:slot:'))!;
    await page.reload();
    await press(page, day.message_id, slot.text);
    await botSays(CHATS.maya, /Proposed .+\(America\/New_York\)/);
    await shots('client', CHATS.maya, '03-new-time-proposed');

    const other = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const note = await messageWith(CHATS.maya, `bk:cancel:${other.id}`);
    await page.reload();
    await press(page, note.message_id, 'Cancel');
    const quote = await botSays(CHATS.maya, /Cancel this booking\?/);
    await page.reload();
    await press(page, quote.message_id, 'Yes, cancel it');
    await botSays(CHATS.maya, /Cancelled\./);
    expect((await (await stack.clientAs(MAYA)).bookings.get.query({ id: other.id })).status).toBe('cancelled');
    await shots('client', CHATS.maya, '04-cancelled');
    await page.close();
  });
});
