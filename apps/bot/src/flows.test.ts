import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingFor, confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';
import { createChatApi } from './api.ts';
import { createBot, setCommands } from './bot.ts';
import { SANDBOX_BOT_TOKEN } from './env.ts';
import { emulatorChat, type EmulatorChat } from './testing/emulator-chat.ts';
import { memoryLog } from './testing/silent-log.ts';

/**
 * Every command and button of issue 20 driven through the real bot, long polling the Telegram
 * emulator, against the real API (server, temp libSQL, worker, emulators): a client (Maya) and a
 * provider (Sam), an unlinked chat, a forged press for someone else's booking, a stale button,
 * Telegram answering 429, and the bot restarted in the middle of a reschedule.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
const LEO = 'leo@demo.handled.test';

let stack: TestStack;
let running: { bot: ReturnType<typeof createBot>; polling: Promise<void> } | null = null;
let sam: EmulatorChat;
let maya: EmulatorChat;
let stranger: EmulatorChat;

async function startBot() {
  const bot = createBot({
    token: SANDBOX_BOT_TOKEN,
    apiRoot: stack.emulatorsUrl,
    api: createChatApi({ url: stack.apiUrl, botSecret: stack.env.BOT_SERVICE_SECRET }),
    webUrl: stack.env.WEB_URL,
    log: memoryLog(),
  });
  await bot.init();
  await setCommands(bot);
  const polling = bot.start({ allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
  running = { bot, polling };
}

async function stopBot() {
  if (running) {
    await running.bot.stop();
    await running.polling;
    running = null;
  }
}

async function link(chat: EmulatorChat, email: string) {
  const { code } = await (await stack.clientAs(email)).account.telegramLinkCode.mutate();
  await chat.send(`/start ${code}`, 'This chat is linked to');
}

const as = async (email: string) => stack.clientAs(email);

beforeAll(async () => {
  stack = await startTestStack();
  await startBot();
  sam = emulatorChat(stack.emulatorsUrl, 930_001, { first_name: 'Sam', username: 'sam_fixes' });
  maya = emulatorChat(stack.emulatorsUrl, 930_002, { first_name: 'Maya' });
  stranger = emulatorChat(stack.emulatorsUrl, 930_099, { first_name: 'Stranger' });
}, 60_000);
afterAll(async () => {
  await stopBot();
  await stack?.close();
});

describe('an unlinked chat', () => {
  it('is told how to link, and its menu and /help offer only linking', async () => {
    expect((await stranger.send('/bookings', 'Link your Handled account first')).text).toContain('/link YOUR-CODE');
    await stranger.send('/today', 'Link your Handled account first');
    const help = await stranger.send('/help', 'Handled bot');
    expect(help.text).toContain('/link');
    expect(help.text).not.toContain('/today');
    const menu = await running!.bot.api.getMyCommands({ scope: { type: 'all_private_chats' } });
    expect(menu.map((c) => c.command)).toEqual(['start', 'link', 'help']);
  });

  it('a button pressed in it is refused, and nothing changes', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    const [msg] = await stranger.botMessages();
    const answer = await stranger.pressData(msg!.message_id, `bk:accept:${b.id}`, true);
    expect(answer).toMatchObject({ text: 'Link your Handled account first.', showAlert: true });
    expect((await (await as(SAM)).bookings.get.query({ id: b.id })).status).toBe('requested');
  });
});

describe('linking and the menu per role', () => {
  it('links both, and each chat gets its own command menu', async () => {
    await link(sam, SAM);
    await link(maya, MAYA);
    const samMenu = await running!.bot.api.getMyCommands({ scope: { type: 'chat', chat_id: sam.chatId } });
    expect(samMenu.map((c) => c.command)).toEqual(['today', 'week', 'requests', 'bookings', 'earnings', 'settings', 'help', 'unlink']);
    const mayaMenu = await running!.bot.api.getMyCommands({ scope: { type: 'chat', chat_id: maya.chatId } });
    expect(mayaMenu.map((c) => c.command)).toEqual(['bookings', 'rebook', 'settings', 'help', 'unlink']);
    const help = await maya.send('/help', 'Handled bot');
    expect(help.text).toContain('Reschedule');
    expect(help.text).toContain('/bookings');
    expect(help.text).not.toContain('/today');
  });
});

/** Opens a booking's card from /bookings. */
async function openCard(chat: EmulatorChat, id: string) {
  const list = await chat.send('/bookings', /Upcoming|Waiting/);
  await chat.pressData(list.message_id, `bk:view:${id}`);
  return chat.withButton(`bk:msg:${id}`);
}

describe('the provider', () => {
  it('/requests lists what waits, and Accept from it accepts', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    await sam.send('/requests', 'Request');
    const req = await sam.withButton(`bk:accept:${b.id}`);
    const answer = await sam.press(req, 'Accept');
    expect(answer.text).toMatch(/^Accepted\./);
    expect((await (await as(SAM)).bookings.get.query({ id: b.id })).status).toBe('accepted');
  });

  it('declines with a reason button', async () => {
    const b = await createBookingFor(stack, MAYA, SAM, 1);
    const note = await sam.withButton(`bk:decline:${b.id}`);
    await sam.press(note, 'Decline');
    await sam.press(await sam.message(note.message_id), /area/i);
    expect((await (await as(MAYA)).bookings.get.query({ id: b.id })).status).toBe('declined');
  });

  it('does the job from Telegram: /today with the address and a map link, on my way, start, complete in quarter hours; the client confirms and rates', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 2);
    const start = new Date(b.startsAt).getTime();
    try {
      setClock(stack, start - 30 * 60_000);
      const today = await sam.send('/today', /^Today, /);
      expect(today.text).toContain('map');
      await sam.pressData(today.message_id, `bk:view:${b.id}`);
      const card = await sam.withButton(`bk:omw:${b.id}`);
      await sam.press(card, 'On my way');
      const afterOmw = await sam.message(card.message_id);
      expect(afterOmw.text).toContain('on your way');
      setClock(stack, start);
      await sam.press(afterOmw, 'Start');
      const started = await sam.message(card.message_id);
      expect(started.text).toContain('Job started');
      setClock(stack, start + 2 * 3_600_000);
      await sam.press(started, 'Complete');
      const hours = await sam.waitFor('How long did the job take?');
      expect(hours.reply_markup?.inline_keyboard?.flat().map((k) => k.text)).toContain('2 h 15 min');
      await sam.press(hours, '2 h 15 min');
      expect((await sam.message(hours.message_id)).text).toContain('Completed: 2 h 15 min');
      const job = await (await as(SAM)).lifecycle.job.query({ id: b.id });
      expect(job).toMatchObject({ status: 'completed', actualHours: 2.25 });

      // The client confirms and rates: stars, then words.
      setClock(stack, start + 3 * 3_600_000);
      const list = await maya.send('/bookings', /Upcoming|no upcoming/);
      await maya.pressData(list.message_id, `bk:view:${b.id}`, true);
      const clientCard = await maya.withButton(`bk:done:${b.id}`);
      await maya.press(clientCard, 'All done');
      const rated = await maya.message(clientCard.message_id);
      expect(rated.text).toContain('marked as done');
      await maya.press(rated, 'Rate');
      const stars = await maya.waitFor('How was it?');
      await maya.press(stars, /^⭐⭐⭐⭐⭐$/);
      expect((await maya.message(stars.message_id)).text).toContain('Add a few words');
      await maya.send('Quick, tidy and friendly.', 'your review is saved');
      const reviews = await (await as(MAYA)).reviews.forBooking.query({ id: b.id });
      expect(JSON.stringify(reviews)).toContain('Quick, tidy and friendly.');
    } finally {
      resetClock(stack);
    }
  });

  it('a reply to a notification goes into that booking’s conversation', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const note = await sam.withButton(`bk:omw:${b.id}`);
    expect(note.text).toMatch(/HD-/);
    await sam.send('I will bring a ladder.', '💬 Sent to', note.message_id);
    const thread = await (await as(MAYA)).messages.thread.query({ bookingId: b.id });
    expect(JSON.stringify(thread)).toContain('I will bring a ladder.');
  });

  it('/week and /earnings answer with the zone', async () => {
    const week = await sam.send('/week', /next 7 days|No jobs/);
    expect(week.text).toMatch(/America\/New_York/);
    const earnings = await sam.send('/earnings', 'Your earnings');
    expect(earnings.text).toMatch(/This week: .+\nThis month: /);
  });
});

describe('the client', () => {
  it('reschedules: slots by day in her zone; the bot restarts mid-flow; the slot still proposes; the provider accepts', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const card = await openCard(maya, b.id);
    await maya.press(card, 'Reschedule');
    const day1 = await maya.waitFor('Pick a new time');
    expect(day1.text).toContain('America/New_York');
    await maya.press(day1, 'Later day');
    const day2 = await maya.message(day1.message_id);
    expect(day2.text).toContain('Day 2 of');
    const slotButton = day2.reply_markup!.inline_keyboard!.flat().find((k) => k.callback_data?.startsWith(`bk:slot:${b.id}:`))!;

    // The bot goes down and comes back (a deploy, a crash): the offered slots are in libSQL.
    await stopBot();
    await startBot();
    await maya.pressData(day2.message_id, slotButton.callback_data!);
    const proposed = await maya.message(day2.message_id);
    expect(proposed.text).toMatch(/Proposed .+ \(America\/New_York\)/);
    const pending = await (await as(MAYA)).changes.pending.query({ id: b.id });
    expect(pending).toMatchObject({ proposedBy: 'client' });

    const samCard = await openCard(sam, b.id).then(() => sam.withButton(`bk:chyes:${b.id}`));
    expect(samCard.text).toContain('The client proposed a new time');
    await sam.press(samCard, 'Accept new time');
    expect((await (await as(SAM)).bookings.get.query({ id: b.id })).startsAt).toBe(pending!.startsAt);
  });

  it('the server’s confirmation carries the buttons that act on it, and they work', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const note = await maya.withButton(`bk:resched:${b.id}`);
    expect(note.text).toMatch(/Confirmed/);
    expect(note.reply_markup?.inline_keyboard?.flat().map((k) => k.callback_data)).toContain(`bk:cancel:${b.id}`);
    await maya.press(note, 'Message');
    await maya.waitFor('Type your message');
    await maya.send('/skip', 'Nothing sent.');
  });

  it('cancels after seeing the fee and refund; the old confirm button then answers with the booking as it is', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const card = await openCard(maya, b.id);
    await maya.press(card, 'Cancel booking');
    const quote = await maya.waitFor('Cancel this booking?');
    expect(quote.text).toMatch(/Refund: \$|Nothing is refunded|No cancellation fee/);
    const confirm = quote.reply_markup!.inline_keyboard!.flat()[0]!.callback_data!;
    await maya.press(quote, 'Yes, cancel it');
    expect((await (await as(MAYA)).bookings.get.query({ id: b.id })).status).toBe('cancelled');
    expect((await maya.message(quote.message_id)).text).toContain('Cancelled.');

    // A stale button: the confirm pressed again (from the quote as it was drawn).
    const again = await maya.pressData(quote.message_id, confirm, true);
    expect(again.showAlert).toBe(false);
    const now = await maya.message(quote.message_id);
    expect(now.text).toContain('Here is the booking now');
    expect(now.text).toMatch(/Status: .*[Cc]ancel/);
  });

  it('messages the provider from the card', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const card = await openCard(maya, b.id);
    await maya.press(card, 'Message provider');
    await maya.waitFor('Type your message');
    await maya.send('The side gate code is 4412.', '💬 Sent.');
    const thread = await (await as(SAM)).messages.thread.query({ bookingId: b.id });
    expect(JSON.stringify(thread)).toContain('The side gate code is 4412.');
  });

  it('rebooks a favourite in three taps: provider, day, time — then the saved address and phone', async () => {
    const samId = (await (await as(SAM)).account.me.query()).id;
    await (await as(MAYA)).favourites.set.mutate({ providerId: samId, favourite: true });
    const who = await maya.send('/rebook', 'Book again');
    await maya.press(who, 'Sam');
    const days = await maya.message(who.message_id);
    expect(days.text).toContain('which day?');
    await maya.press(days, /.+/);
    const times = await maya.message(who.message_id);
    expect(times.text).toContain('what time? (America/New_York)');
    await maya.press(times, /\d/);
    const summary = await maya.message(who.message_id);
    expect(summary.text).toMatch(/Where: .+\nPhone: \+/);
    await maya.press(summary, 'Send request');
    const sent = await maya.message(who.message_id);
    expect(sent.text).toMatch(/Request sent for .+ \(America\/New_York\)/);
    const id = sent.reply_markup!.inline_keyboard![0]![0]!.callback_data!.split(':')[2]!;
    expect((await (await as(MAYA)).bookings.get.query({ id })).status).toBe('requested');
  });

  it('a forged press for someone else’s booking is refused and changes nothing', async () => {
    const leos = await confirmedBookingFor(stack, LEO, SAM, 1);
    const [any] = await maya.botMessages();
    const answer = await maya.pressData(any!.message_id, `bk:cancel:${leos.id}:0`, true);
    expect(answer.showAlert).toBe(true);
    expect(answer.text).toMatch(/^We could not find that booking\. This chat is linked to .+ \(maya@demo\.handled\.test\)\.$/);
    expect((await (await as(LEO)).bookings.get.query({ id: leos.id })).status).toBe('confirmed');
  });

  it('/settings turns a group of Telegram updates off and sets quiet hours in her zone', async () => {
    const s = await maya.send('/settings', 'Updates in Telegram');
    expect(s.text).toContain('America/New_York');
    await maya.press(s, /Messages/);
    await maya.press(await maya.message(s.message_id), '22:00–07:00');
    const prefs = await (await as(MAYA)).notifications.preferences.query();
    expect(prefs.choices.messages.telegram).toBe(false);
    expect(prefs.quietHours).toEqual({ start: '22:00', end: '07:00' });
    await maya.press(await maya.message(s.message_id), 'No quiet hours');
    await maya.press(await maya.message(s.message_id), /Messages/);
    expect((await (await as(MAYA)).notifications.preferences.query()).quietHours).toBeNull();
  });

  it('raises an emergency while the provider is on the way: the number to call first, then the reason', async () => {
    const b = await confirmedBookingFor(stack, MAYA, SAM, 1);
    const start = new Date(b.startsAt).getTime();
    try {
      setClock(stack, start - 20 * 60_000);
      await (await as(SAM)).lifecycle.onMyWay.mutate({ id: b.id });
      const card = await openCard(maya, b.id);
      await maya.press(card, 'Emergency');
      const prompt = await maya.waitFor('If anyone is in danger, call 911');
      expect(prompt.text).toContain('/skip');
      await maya.send('A man at the door says he is from Handled but it is not Sam.', 'Raised.');
      const info = await (await as(MAYA)).emergency.forBooking.query({ bookingId: b.id });
      expect(JSON.stringify(info)).toContain('it is not Sam');
    } finally {
      resetClock(stack);
    }
  });
});

describe('the bot’s own state', () => {
  it('is kept per chat: even with the bot’s secret, a request for one chat cannot read or write another’s', async () => {
    const api = createChatApi({ url: stack.apiUrl, botSecret: stack.env.BOT_SERVICE_SECRET });
    const mine = await api(String(maya.chatId)).bot.sessionRead.query({ key: String(maya.chatId) });
    expect(mine.value).not.toBeUndefined();
    await expect(api(String(maya.chatId)).bot.sessionRead.query({ key: String(sam.chatId) })).rejects.toThrow(
      /only keep state for the chat/,
    );
    await expect(api(String(maya.chatId)).bot.sessionWrite.mutate({ key: String(sam.chatId), value: {} })).rejects.toThrow(
      /only keep state/,
    );
    // A person (not the bot) cannot call these at all.
    await expect((await as(MAYA)).bot.sessionRead.query({ key: String(maya.chatId) })).rejects.toThrow(/Only the Handled bot/);
  });
});

describe('Telegram answering 429', () => {
  it('the bot waits the retry_after and sends anyway', async () => {
    const res = await fetch(`${stack.emulatorsUrl}/_/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: `/bot${SANDBOX_BOT_TOKEN}/sendMessage`, status: 429, times: 2 }),
    });
    expect(res.status).toBe(201);
    await maya.send('/help', 'Handled bot');
    const left = (await (await fetch(`${stack.emulatorsUrl}/_/faults`)).json()) as { faults: unknown[] };
    expect(left.faults).toHaveLength(0);
  });
});
