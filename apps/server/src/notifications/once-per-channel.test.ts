import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestStack, eventually, type TestStack } from '@handled/testing';
import { confirmedBookingFor, jobsOf, resetClock, setClock, userId } from '@handled/testing/fixtures';
import { jobs, notifications, providerProfiles, telegramLinks, users } from '@handled/db/schema';

const MAYA = 'maya@demo.handled.test';
const LEO = 'leo@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const MAYA_PHONE = '+12125550163';
const SAM_PHONE = '+12125550164';
const SAM_CHAT = 7_164;

/** A device of the push emulator, as `PushManager.subscribe` gives a page. */
async function pushDevice(stack: TestStack, name: string) {
  const res = await fetch(`${stack.emulatorsUrl}/_/push/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return (await res.json()) as { id: string; endpoint: string; keys: { p256dh: string; auth: string } };
}

describe('a text or push whose answer was lost is not sent again on the retry', () => {
  let stack: TestStack;
  let mayaId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    mayaId = await userId(stack, MAYA);
    await stack.deps.db.update(users).set({ phone: MAYA_PHONE }).where(eq(users.id, mayaId));
    await (await stack.clientAs(MAYA)).notifications.savePreferences.mutate({ smsConsent: true, quietHours: null });
  }, 120_000);

  afterAll(async () => {
    if (stack) resetClock(stack);
    await stack?.close();
  });

  it('Twilio accepts the text but the answer is lost: the job fails, retries, finds it at Twilio and sends nothing more', async () => {
    const maya = await stack.clientAs(MAYA);
    const devices = [await pushDevice(stack, 'Maya phone'), await pushDevice(stack, 'Maya laptop')];
    for (const d of devices) await maya.push.subscribe.mutate({ endpoint: d.endpoint, keys: d.keys });
    const booking = await confirmedBookingFor(stack, MAYA, SAM);
    const twilio = stack.emulators.emulators.twilio;
    const faults = stack.emulators.emulators.faults;
    // Let the confirmation's messages go out first: only on-my-way and the 2 h reminder are texts.
    await eventually(async () => {
      stack.server.worker.kick();
      const pending = (await jobsOf(stack, booking.id)).filter((j) => j.type === 'notify' && j.status !== 'done');
      if (pending.length) throw new Error(`${pending.length} notify jobs not done`);
    }, 30_000);
    // Half an hour before the start: the 2 h reminder comes due at once; let it go out before the faults.
    let t = new Date(booking.startsAt).getTime() - 30 * 60_000;
    setClock(stack, t);
    await eventually(async () => {
      stack.server.worker.kick();
      if (!twilio.messages.some((m) => m.to === MAYA_PHONE && m.body.startsWith('Handled reminder'))) throw new Error('no reminder yet');
    }, 30_000);
    const pushedBefore = stack.emulators.emulators.push.data.received.length;
    // Twilio stores the next text and then answers 500 (phase "after"): accepted, but we never hear it.
    // The second device's push service fails once, after the first device got the message.
    const lost = faults.add({ method: 'POST', path: '/2010-04-01', status: 500, phase: 'after', times: 1 });
    const pushFault = faults.add({ method: 'POST', path: `/push/${devices[1]!.id}`, status: 500, times: 1 });
    try {
      await (await stack.clientAs(SAM)).lifecycle.onMyWay.mutate({ id: booking.id });
      const rows = await eventually(async () => {
        // The clock stands still in a test: move it on so the retry (1 s backoff) comes due.
        t += 2_000;
        setClock(stack, t);
        stack.server.worker.kick();
        const all = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, mayaId))).filter(
          (r) => r.template.startsWith(`${booking.id}:booking.on_my_way`) && (r.channel === 'sms' || r.channel === 'push'),
        );
        if (all.length !== 2 || all.some((r) => r.status !== 'sent')) throw new Error(all.map((r) => `${r.channel}:${r.status}`).join());
        return all;
      }, 30_000);
      expect(lost.hits).toBe(1);
      expect(pushFault.hits).toBe(1);
      const texts = twilio.messages.filter((m) => m.to === MAYA_PHONE && m.body.includes('on the way'));
      expect(texts).toHaveLength(1);
      // The row took the SID of the text Twilio had accepted.
      expect(rows.find((r) => r.channel === 'sms')?.externalId).toBe(texts[0]!.sid);
      // The job did fail once and ran again (the lost answer was not taken for a success).
      const job = (await jobsOf(stack, booking.id, 'notify')).find((j) => j.payload['template'] === 'booking.on_my_way');
      expect(job?.attempts).toBeGreaterThanOrEqual(2);
      // Each device got the message once: the retry sent only to the one that had failed.
      const pushes = stack.emulators.emulators.push.data.received
        .slice(pushedBefore)
        .filter((r) => r.payload?.includes(`${booking.id}:booking.on_my_way`));
      expect(pushes.map((p) => p.device).sort()).toEqual(devices.map((d) => d.id).sort());
      expect(rows.find((r) => r.channel === 'push')?.externalId).toBe('push:2');
      expect(twilio.messages.filter((m) => m.to === MAYA_PHONE && m.body.startsWith('Handled reminder'))).toHaveLength(1);
    } finally {
      faults.clear();
      resetClock(stack);
    }
  }, 120_000);
});

describe('a question before booking reaches the other side on the channels they chose, once each', () => {
  let stack: TestStack;
  let samId: string;
  let slug: string;
  let device: Awaited<ReturnType<typeof pushDevice>>;

  beforeAll(async () => {
    stack = await startTestStack();
    samId = await userId(stack, SAM);
    const [profile] = await stack.deps.db.select().from(providerProfiles).where(eq(providerProfiles.userId, samId));
    if (!profile) throw new Error('no profile for Sam');
    slug = profile.slug;
    // Sam: a mobile number, push on his phone, Telegram linked (a chat with the bot exists).
    await stack.deps.db.update(users).set({ phone: SAM_PHONE }).where(eq(users.id, samId));
    const sam = await stack.clientAs(SAM);
    device = await pushDevice(stack, 'Sam phone');
    await sam.push.subscribe.mutate({ endpoint: device.endpoint, keys: device.keys });
    const botId = Number(stack.env.TELEGRAM_BOT_TOKEN?.split(':')[0] ?? '123456');
    stack.emulators.emulators.telegram.ensureChat(botId, SAM_CHAT, { first_name: 'Sam' });
    await stack.deps.db.insert(telegramLinks).values({ userId: samId, chatId: String(SAM_CHAT), username: 'sam_fixes' });
    await sam.notifications.savePreferences.mutate({ smsConsent: true, quietHours: null });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** Where a question with `marker` in it reached Sam, once its delivery job finished. */
  async function deliveriesOf(marker: string) {
    const [row] = await stack.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, samId), eq(notifications.channel, 'in_app')))
      .then((rows) => rows.filter((r) => r.body.includes(marker)));
    if (!row) throw new Error(`no in-app row for ${marker}`);
    await eventually(async () => {
      stack.server.worker.kick();
      const [job] = await stack.deps.db
        .select()
        .from(jobs)
        .where(eq(jobs.idempotencyKey, `notify:${row.template}:${samId}`));
      if (job?.status !== 'done') throw new Error(`delivery job ${job?.status ?? 'missing'} ${job?.lastError ?? ''}`);
    }, 30_000);
    const rows = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, samId))).filter(
      (r) => r.template === row.template,
    );
    const botId = Number(stack.env.TELEGRAM_BOT_TOKEN?.split(':')[0] ?? '123456');
    const chat = stack.emulators.emulators.telegram.chat(botId, SAM_CHAT);
    return {
      rows: rows.map((r) => r.channel).sort(),
      email: stack.emulators.emulators.resend.emails.filter((e) => e.to.includes(SAM) && e.text?.includes(marker)),
      sms: stack.emulators.emulators.twilio.messages.filter((m) => m.to === SAM_PHONE && m.body.includes(marker)),
      push: stack.emulators.emulators.push.data.received.filter((r) => r.device === device.id && r.payload?.includes(marker)),
      telegram: (chat?.log ?? []).filter((e) => e.by === 'bot' && e.message.text?.includes(marker)),
    };
  }

  it('by default: in the app, by email, push and Telegram, each once; no text (texts for messages are off)', async () => {
    const leo = await stack.clientAs(LEO);
    const asked = await leo.messages.ask.mutate({ provider: slug, body: 'Do you fix boilers? (question one)' });
    const got = await deliveriesOf('question one');
    expect(got.rows).toEqual(['email', 'in_app', 'push', 'telegram']);
    expect(got.email).toHaveLength(1);
    expect(got.email[0]!.subject).toBe('Leo asked you a question');
    expect(got.push).toHaveLength(1);
    expect(got.telegram).toHaveLength(1);
    expect(got.sms).toHaveLength(0);

    // Sam answers: Leo hears of it by email (his defaults), with the conversation's link on the site.
    await (await stack.clientAs(SAM)).messages.replyEnquiry.mutate({ enquiryId: asked.enquiryId, body: 'Yes, gas and oil (answer one)' });
    const answer = await eventually(async () => {
      stack.server.worker.kick();
      const found = stack.emulators.emulators.resend.emails.filter((e) => e.to.includes(LEO) && e.text?.includes('answer one'));
      if (!found.length) throw new Error('no email to Leo yet');
      return found;
    }, 30_000);
    expect(answer).toHaveLength(1);
    expect(answer[0]!.text).toContain(`/messages/enquiries/${asked.enquiryId}`);
  }, 120_000);

  it('with texts on and email and Telegram off for messages: a text, a push and the app, nothing by email or Telegram', async () => {
    const sam = await stack.clientAs(SAM);
    const { choices } = await sam.notifications.preferences.query();
    await sam.notifications.savePreferences.mutate({
      choices: { ...choices, messages: { email: false, sms: true, push: true, telegram: false } },
    });
    await (await stack.clientAs(LEO)).messages.ask.mutate({ provider: slug, body: 'And radiators? (question two)' });
    const got = await deliveriesOf('question two');
    expect(got.rows).toEqual(['in_app', 'push', 'sms']);
    expect(got.sms).toHaveLength(1);
    expect(got.sms[0]!.body).toMatch(/^Handled: Leo asked you a question: “And radiators\? \(question two\)” http/);
    expect(got.push).toHaveLength(1);
    expect(got.email).toHaveLength(0);
    expect(got.telegram).toHaveLength(0);
  }, 120_000);
});
