import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messages, notificationPreferences, notifications, users } from '@handled/db/schema';
import { DIGEST_DELAY_MS } from '@handled/api/worker';
import { createBookingFor, codeOf, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

const MAYA = 'maya@demo.handled.test';
const LEO = 'leo@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const PRIYA = 'priya@demo.handled.test';
const ANA = 'ana@demo.handled.test';

let stack: TestStack;
type Api = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Api, sam: Api, leo: Api, priya: Api, ana: Api;

beforeAll(async () => {
  stack = await startTestStack();
  [maya, sam, leo, priya, ana] = await Promise.all([
    stack.clientAs(MAYA),
    stack.clientAs(SAM),
    stack.clientAs(LEO),
    stack.clientAs(PRIYA),
    stack.clientAs(ANA),
  ]);
});
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

async function messageCount(bookingId: string): Promise<number> {
  return (await stack.deps.db.select().from(messages).where(eq(messages.bookingId, bookingId))).length;
}

async function mailTo(email: string): Promise<{ subject: string; text: string | null; html: string | null }[]> {
  const res = await fetch(`${stack.emulatorsUrl}/_/mailbox/messages?to=${encodeURIComponent(email)}`);
  // Only message digests: booking notices go to the same people.
  return ((await res.json()) as { emails: { subject: string; text: string | null; html: string | null }[] }).emails.filter((e) =>
    / sent you /.test(e.subject),
  );
}

/** Lets the digest delay pass on the server's clock and runs what became due. */
async function afterDigestDelay() {
  setClock(stack, Date.now() + DIGEST_DELAY_MS + 60_000);
  await stack.server.worker.drain();
}

describe('messages between a booking’s client and provider', () => {
  it('both parties exchange messages, with unread counts, read receipts and the inbox in activity order', async () => {
    const older = await createBookingFor(stack, MAYA, SAM);
    const booking = await createBookingFor(stack, MAYA, SAM, 1);
    const mayaBefore = (await maya.messages.unreadCount.query({})).unread;
    const samBefore = (await sam.messages.unreadCount.query()).unread;

    const first = await maya.messages.send.mutate({
      bookingId: booking.id,
      body: '  Hi Sam — the tap is under the sink, call me on +1 212 555 0188.  ',
    });
    // Trimmed; and the number is hidden while the booking is only requested (contact masking, on by default).
    expect(first.message).toMatchObject({
      body: 'Hi Sam — the tap is under the sink, call me on [contact details hidden until the booking is confirmed].',
      mine: true,
      readAt: null,
    });
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'The buzzer is broken, please knock.' });

    // Sam sees two unread, in the inbox and the count, oldest first in the thread.
    expect((await sam.messages.unreadCount.query({})).unread).toBe(samBefore + 2);
    const samInbox = await sam.messages.threads.query({});
    const samThread = samInbox.threads.find((t) => t.bookingId === booking.id);
    expect(samThread).toMatchObject({
      unread: 2,
      counterpartName: expect.stringMatching(/^Maya/),
      lastMessage: { body: 'The buzzer is broken, please knock.', mine: false },
    });
    expect(samInbox.threads.findIndex((t) => t.bookingId === booking.id)).toBeLessThan(
      samInbox.threads.findIndex((t) => t.bookingId === older.id),
    );
    const seen = await sam.messages.thread.query({ bookingId: booking.id });
    expect(seen.canSend).toBe(true);
    expect(seen.reasonClosed).toBeNull();
    expect(seen.messages.map((m) => [m.body.slice(0, 6), m.mine])).toEqual([
      ['Hi Sam', false],
      ['The bu', false],
    ]);
    expect(seen.messages[0]?.senderName).toMatch(/^Maya/);

    // Reading marks only the other side's messages, once.
    expect(await sam.messages.markRead.mutate({ bookingId: booking.id })).toEqual({ updated: 2 });
    expect(await sam.messages.markRead.mutate({ bookingId: booking.id })).toEqual({ updated: 0 });
    expect((await sam.messages.unreadCount.query({})).unread).toBe(samBefore);
    expect((await maya.messages.thread.query({ bookingId: booking.id })).messages.every((m) => m.readAt !== null)).toBe(true);

    const reply = await sam.messages.send.mutate({ bookingId: booking.id, body: 'Got it, see you then.' });
    expect(reply.message).toMatchObject({
      mine: true,
      senderName: (await maya.messages.thread.query({ bookingId: booking.id })).counterpartName,
    });
    expect((await maya.messages.unreadCount.query({})).unread).toBe(mayaBefore + 1);
    const mayaInbox = await maya.messages.threads.query({ limit: 10 });
    expect(mayaInbox.threads[0]).toMatchObject({
      bookingId: booking.id,
      unread: 1,
      status: 'requested',
      lastMessage: { body: 'Got it, see you then.', mine: false },
    });
    expect(mayaInbox.threads[0]?.counterpartName).toBe(reply.message.senderName);
    expect(await maya.messages.markRead.mutate({ bookingId: booking.id })).toEqual({ updated: 1 });
    expect((await maya.messages.unreadCount.query({})).unread).toBe(mayaBefore);
  });

  it('pages back through a long thread with the before cursor', async () => {
    const booking = await createBookingFor(stack, MAYA, SAM, 1.5);
    for (let i = 1; i <= 7; i++) await (i % 2 ? maya : sam).messages.send.mutate({ bookingId: booking.id, body: `message ${i}` });
    const latest = await maya.messages.thread.query({ bookingId: booking.id, limit: 3 });
    expect(latest.messages.map((m) => m.body)).toEqual(['message 5', 'message 6', 'message 7']);
    expect(latest.hasOlder).toBe(true);
    const older = await maya.messages.thread.query({ bookingId: booking.id, limit: 3, before: latest.messages[0]!.id });
    expect(older.messages.map((m) => m.body)).toEqual(['message 2', 'message 3', 'message 4']);
    const oldest = await maya.messages.thread.query({ bookingId: booking.id, limit: 3, before: older.messages[0]!.id });
    expect(oldest.messages.map((m) => m.body)).toEqual(['message 1']);
    expect(oldest.hasOlder).toBe(false);
  });

  it('nobody else can read, write or mark the conversation, and nothing is written when they try', async () => {
    const booking = await createBookingFor(stack, MAYA, SAM);
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Private: the door code is 4411.' });
    for (const stranger of [leo, priya, ana]) {
      expect(await codeOf(stranger.messages.thread.query({ bookingId: booking.id }))).toBe('NOT_FOUND');
      expect(await codeOf(stranger.messages.send.mutate({ bookingId: booking.id, body: 'Hello?' }))).toBe('NOT_FOUND');
      expect(await codeOf(stranger.messages.markRead.mutate({ bookingId: booking.id }))).toBe('NOT_FOUND');
      expect((await stranger.messages.threads.query({})).threads.map((t) => t.bookingId)).not.toContain(booking.id);
    }
    expect(await codeOf(stack.anonymous.messages.thread.query({ bookingId: booking.id }))).toBe('UNAUTHORIZED');
    expect(await codeOf(stack.anonymous.messages.send.mutate({ bookingId: booking.id, body: 'Hello?' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(stack.anonymous.messages.unreadCount.query({}))).toBe('UNAUTHORIZED');
    expect(await messageCount(booking.id)).toBe(1);
    // Sam's message stays unread: a stranger's markRead changed nothing.
    expect((await sam.messages.thread.query({ bookingId: booking.id })).messages[0]?.readAt).toBeNull();
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const booking = await createBookingFor(stack, MAYA, SAM);
    const bad = async (input: unknown) => {
      try {
        await maya.messages.send.mutate(input as { bookingId: string; body: string });
        return 'OK';
      } catch (e) {
        const data = (e as { data?: { code?: string; zodError?: { fieldErrors?: Record<string, string[]> } } }).data;
        return `${data?.code}:${Object.keys(data?.zodError?.fieldErrors ?? {}).join(',')}`;
      }
    };
    expect(await bad({ bookingId: booking.id, body: '' })).toBe('BAD_REQUEST:body');
    expect(await bad({ bookingId: booking.id, body: '   \n  ' })).toBe('BAD_REQUEST:body');
    expect(await bad({ bookingId: booking.id, body: 'x'.repeat(2001) })).toBe('BAD_REQUEST:body');
    expect(await bad({ bookingId: booking.id, body: '<script>alert(1)</script>' })).toBe('BAD_REQUEST:body');
    expect(await bad({ bookingId: booking.id, body: 42 })).toBe('BAD_REQUEST:body');
    expect(await bad({ body: 'Hello' })).toBe('BAD_REQUEST:bookingId');
    expect(await bad({ bookingId: 'no-such-booking', body: 'Hello' })).toBe('NOT_FOUND:');
    expect(await codeOf(maya.messages.thread.query({ bookingId: booking.id, limit: 0 }))).toBe('BAD_REQUEST');
    expect(await codeOf(maya.messages.threads.query({ limit: 1000 }))).toBe('BAD_REQUEST');
    expect(await messageCount(booking.id)).toBe(0);
    // 2,000 characters and a "<3" are fine.
    expect(await bad({ bookingId: booking.id, body: 'y'.repeat(2000) })).toBe('OK');
    expect(await bad({ bookingId: booking.id, body: 'Thanks <3' })).toBe('OK');
  });

  it('closes a declined request for new messages, and says why', async () => {
    const booking = await createBookingFor(stack, MAYA, SAM, 2.5);
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Could you come earlier?' });
    await sam.bookings.decline.mutate({ id: booking.id, reason: 'Fully booked that week' });
    const thread = await maya.messages.thread.query({ bookingId: booking.id });
    expect(thread).toMatchObject({ canSend: false, reasonClosed: expect.stringMatching(/declined/) });
    expect(thread.messages).toHaveLength(1);
    expect(await codeOf(maya.messages.send.mutate({ bookingId: booking.id, body: 'Hello?' }))).toBe('FORBIDDEN');
    expect(await codeOf(sam.messages.send.mutate({ bookingId: booking.id, body: 'Sorry!' }))).toBe('FORBIDDEN');
    expect(await messageCount(booking.id)).toBe(1);
  });
});

describe('message notifications', () => {
  it('a burst of messages is one email (and one in-app notice) to the other side, after a short delay', async () => {
    const booking = await createBookingFor(stack, LEO, PRIYA);
    const [priyaUser] = await stack.deps.db.select().from(users).where(eq(users.email, PRIYA));
    const before = (await mailTo(PRIYA)).length;
    for (const body of ['Hi Priya!', 'One more thing: there is a dog.', 'She is friendly.'])
      await leo.messages.send.mutate({ bookingId: booking.id, body });
    // Nothing before the delay: a quick reader gets no email at all.
    await stack.server.worker.drain();
    expect((await mailTo(PRIYA)).length).toBe(before);

    await afterDigestDelay();
    const mail = await eventually(async () => {
      const m = await mailTo(PRIYA);
      if (m.length === before) throw new Error('no email yet');
      return m;
    });
    expect(mail.length).toBe(before + 1);
    expect(mail[0]?.subject).toMatch(/sent you 3 messages/);
    expect(mail[0]?.text).toContain('there is a dog');
    expect(mail[0]?.html).toContain('She is friendly.');
    expect(mail[0]?.text).toContain(`/#/messages/${booking.id}`);
    // The worker runs everything due again: still one email, one in-app notice.
    await stack.server.worker.drain();
    expect((await mailTo(PRIYA)).length).toBe(before + 1);
    const inApp = await stack.deps.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
    expect(
      inApp
        .filter((n) => n.userId === priyaUser!.id && n.template.startsWith('message.digest'))
        .map((n) => n.channel)
        .sort(),
    ).toEqual(['email', 'in_app']);

    // A later message, after the first digest, is a new email.
    resetClock(stack);
    await leo.messages.send.mutate({ bookingId: booking.id, body: 'Also, parking is on the street.' });
    setClock(stack, Date.now() + 2 * (DIGEST_DELAY_MS + 60_000));
    await stack.server.worker.drain();
    const later = await mailTo(PRIYA);
    expect(later.length).toBe(before + 2);
    expect(later[0]?.subject).toMatch(/sent you a message/);
    expect(later[0]?.text).toContain('parking is on the street');
    expect(later[0]?.text).not.toContain('friendly');
  });

  it('sends nothing when the message was read in time, or when the recipient turned email off', async () => {
    const booking = await createBookingFor(stack, LEO, SAM);
    const before = (await mailTo(LEO)).length;
    await sam.messages.send.mutate({ bookingId: booking.id, body: 'I can do 9 am instead.' });
    await leo.messages.markRead.mutate({ bookingId: booking.id });
    await afterDigestDelay();
    expect((await mailTo(LEO)).length).toBe(before);

    resetClock(stack);
    const [leoUser] = await stack.deps.db.select().from(users).where(eq(users.email, LEO));
    await stack.deps.db
      .insert(notificationPreferences)
      .values({ userId: leoUser!.id, email: false })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: { email: false } });
    await sam.messages.send.mutate({ bookingId: booking.id, body: 'Or 10 am?' });
    await afterDigestDelay();
    expect((await mailTo(LEO)).length).toBe(before);
    const rows = await stack.deps.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
    expect(
      rows
        .filter((n) => n.userId === leoUser!.id && n.template.startsWith('message.digest'))
        .map((n) => `${n.channel}:${n.status}`)
        .sort(),
    ).toEqual(['email:skipped', 'in_app:sent']);
  });
});
