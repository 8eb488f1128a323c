import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messageReports, messages, providerProfiles } from '@handled/db/schema';
import { MASKED_CONTACT } from '@handled/core/contact-mask';
import { codeOf, confirmedBookingFor, createBookingFor, userId } from '@handled/testing/fixtures';
import { eventually, freePort, startTestStack, type TestStack } from '@handled/testing';
import { createDeps, createLogger, loadEnv, startServer } from '../index.ts';

const MAYA = 'maya@demo.handled.test';
const LEO = 'leo@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const ANA = 'ana@demo.handled.test';

let stack: TestStack;
type Api = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Api, sam: Api, leo: Api, ana: Api;
let tokens: Record<'maya' | 'sam' | 'leo', string>;
/** A second API process on the same database file (its own connections, its own poller). */
let second: { url: string; close(): Promise<void> };

beforeAll(async () => {
  stack = await startTestStack();
  [maya, sam, leo, ana] = await Promise.all([stack.clientAs(MAYA), stack.clientAs(SAM), stack.clientAs(LEO), stack.clientAs(ANA)]);
  tokens = {
    maya: (await stack.signIn(MAYA)).token,
    sam: (await stack.signIn(SAM)).token,
    leo: (await stack.signIn(LEO)).token,
  };
  const port = await freePort();
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: String(port),
    DATA_DIR: stack.dataDir,
    PUBLIC_API_URL: stack.apiUrl,
    EMULATORS_URL: stack.emulatorsUrl,
    LOG_LEVEL: 'silent',
  });
  const deps = await createDeps(env, createLogger(env.LOG_LEVEL));
  const server = await startServer(env, deps, { worker: false });
  second = {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      deps.db.$client.close();
    },
  };
});
afterAll(async () => {
  await second?.close();
  await stack?.close();
});

interface LiveEvent {
  kind: string;
  bookingId: string | null;
  refId: string | null;
}

/** live.events over SSE as a browser's EventSource reads it: events with their ids, until closed. */
function subscribe(apiUrl: string, token: string, input: Record<string, unknown> = {}, lastEventId?: string) {
  const events: (LiveEvent & { id: string | null })[] = [];
  const errors: { code?: string; message?: string }[] = [];
  const ac = new AbortController();
  const url = new URL(`${apiUrl}/trpc/live.events`);
  url.searchParams.set('input', JSON.stringify(input));
  const done = (async () => {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: ac.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    // Read until the server ends the stream (or the test aborts it).
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buf += chunk.value;
      const blocks = buf.split('\n\n');
      buf = blocks.pop() ?? '';
      for (const b of blocks) {
        const event = /^event: (.*)$/m.exec(b)?.[1];
        const data = /^data: (.*)$/m.exec(b)?.[1];
        const id = /^id: (.*)$/m.exec(b)?.[1] ?? null;
        if (event === 'serialized-error' && data) errors.push(JSON.parse(data) as { message?: string });
        else if (!event && data) events.push({ ...(JSON.parse(data) as LiveEvent), id });
      }
    }
  })().catch(() => undefined);
  return {
    events,
    errors,
    ready: () =>
      eventually(async () => events.find((e) => e.kind === 'ready') ?? (errors[0] ? errors[0] : Promise.reject(new Error('not ready')))),
    close: async () => {
      ac.abort();
      await done;
    },
  };
}

async function jpeg(width = 640, height = 480) {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 44/1 0/1' } })
    .toBuffer();
}

async function postPhoto(token: string, bookingId: string, bytes: Uint8Array, type = 'image/jpeg', body = '') {
  const form = new FormData();
  form.append('file', new Blob([bytes.slice()], { type }), 'photo.jpg');
  if (body) form.append('body', body);
  const res = await fetch(`${stack.apiUrl}/uploads/messages/${bookingId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('live updates', () => {
  it('a message written through one API process reaches a subscriber of another at once, and a reconnect catches up', async () => {
    const booking = await confirmedBookingFor(stack, MAYA, SAM);
    const samStream = subscribe(second.url, tokens.sam, { bookingId: booking.id });
    const ready = await samStream.ready();
    expect(ready).toMatchObject({ kind: 'ready' });

    const { message } = await maya.messages.send.mutate({ bookingId: booking.id, body: 'Is the side gate open?' });
    const got = await eventually(async () => {
      const e = samStream.events.find((x) => x.kind === 'message' && x.refId === message.id);
      if (!e) throw new Error('not yet');
      return e;
    }, 5_000);
    expect(got).toMatchObject({ kind: 'message', bookingId: booking.id });
    await samStream.close();

    // Away: two more messages and the thread read; back with the last event id, the missed ones come first.
    const missed1 = await maya.messages.send.mutate({ bookingId: booking.id, body: 'Also, parking is on the left.' });
    await sam.messages.markRead.mutate({ bookingId: booking.id });
    const again = subscribe(stack.apiUrl, tokens.sam, { bookingId: booking.id }, got.id!);
    await eventually(async () => {
      if (!again.events.some((e) => e.kind === 'message' && e.refId === missed1.message.id)) throw new Error('not caught up');
    }, 5_000);
    expect(again.events.some((e) => e.kind === 'ready')).toBe(false);
    await again.close();

    // Maya hears that Sam read her messages (read receipts), live.
    const mayaStream = subscribe(stack.apiUrl, tokens.maya, { bookingId: booking.id });
    await mayaStream.ready();
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Thanks!' });
    await sam.messages.markRead.mutate({ bookingId: booking.id });
    await eventually(async () => {
      if (!mayaStream.events.some((e) => e.kind === 'read')) throw new Error('no read receipt');
    }, 5_000);
    await mayaStream.close();
  });

  it('a booking change reaches both sides live', async () => {
    const requested = await createBookingFor(stack, MAYA, SAM);
    const s = subscribe(stack.apiUrl, tokens.maya);
    await s.ready();
    await sam.bookings.accept.mutate({ id: requested.id });
    await eventually(async () => {
      if (!s.events.some((e) => e.kind === 'booking' && e.bookingId === requested.id)) throw new Error('no booking event');
    }, 5_000);
    await s.close();
  });

  it('nobody subscribes to another person’s conversation, and a person hears only their own changes', async () => {
    const booking = await createBookingFor(stack, MAYA, SAM);
    const stranger = subscribe(stack.apiUrl, tokens.leo, { bookingId: booking.id });
    const err = await eventually(async () => stranger.errors[0] ?? Promise.reject(new Error('no answer')));
    expect(err).toMatchObject({ data: { code: 'NOT_FOUND' } });
    await stranger.close();

    const anonymous = await fetch(`${stack.apiUrl}/trpc/live.events?input=${encodeURIComponent('{}')}`);
    expect(await anonymous.text()).toMatch(/UNAUTHORIZED/);

    // Leo's own stream (everything of his) never carries Maya's booking.
    const leoAll = subscribe(stack.apiUrl, tokens.leo);
    await leoAll.ready();
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Private to Sam' });
    await sam.messages.send.mutate({ bookingId: booking.id, body: 'Private to Maya' });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(leoAll.events.filter((e) => e.bookingId === booking.id)).toEqual([]);
    await leoAll.close();
  });
});

describe('messaging', () => {
  it('hides phone numbers and emails before the booking is confirmed, not after, as the operators set it', async () => {
    const requested = await createBookingFor(stack, MAYA, SAM);
    const sent = await maya.messages.send.mutate({ bookingId: requested.id, body: 'Text me on +1 212 555 0142 or maya@example.com' });
    expect(sent.masked).toBe(2);
    expect(sent.message.body).toBe(`Text me on ${MASKED_CONTACT} or ${MASKED_CONTACT}`);
    const [row] = await stack.deps.db.select().from(messages).where(eq(messages.id, sent.message.id));
    expect(row?.body).not.toMatch(/555|example/);
    expect((await sam.messages.thread.query({ bookingId: requested.id })).contactsMasked).toBe(true);

    const confirmed = await confirmedBookingFor(stack, MAYA, SAM);
    const after = await maya.messages.send.mutate({ bookingId: confirmed.id, body: 'Ring +1 212 555 0142 when here' });
    expect(after).toMatchObject({ masked: 0, message: { body: 'Ring +1 212 555 0142 when here' } });

    // An operator turns masking off; members cannot.
    expect(
      await codeOf(maya.messages.saveSettings.mutate({ value: { maskContactsBeforeConfirmed: false }, reason: 'x', expectedVersion: 0 })),
    ).toBe('FORBIDDEN');
    const { version } = await ana.messages.settings.query();
    await ana.messages.saveSettings.mutate({
      value: { maskContactsBeforeConfirmed: false },
      reason: 'Trial without masking',
      expectedVersion: version,
    });
    const open = await maya.messages.send.mutate({ bookingId: requested.id, body: 'Or email maya@example.com' });
    expect(open.masked).toBe(0);
    const now = await ana.messages.settings.query();
    await ana.messages.saveSettings.mutate({
      value: { maskContactsBeforeConfirmed: true },
      reason: 'Back on',
      expectedVersion: now.version,
    });
  });

  it('sends a photo message through the upload pipeline: re-encoded without EXIF, seen by the two sides only', async () => {
    const booking = await confirmedBookingFor(stack, MAYA, SAM);
    const res = await postPhoto(tokens.maya, booking.id, await jpeg(), 'image/jpeg', 'The leak, under the sink');
    expect(res.status).toBe(201);
    const message = res.body['message'] as { id: string; body: string; photo: { id: string; url: string; thumbUrl: string } };
    expect(message.body).toBe('The leak, under the sink');
    const thread = await sam.messages.thread.query({ bookingId: booking.id });
    const seen = thread.messages.find((m) => m.id === message.id);
    expect(seen?.photo?.url).toBe(`/attachments/${message.photo.id}`);

    const [row] = await stack.deps.db.select().from(attachments).where(eq(attachments.id, message.photo.id));
    expect(row).toMatchObject({ kind: 'message', bookingId: booking.id, mime: 'image/jpeg' });
    const file = await fetch(`${stack.apiUrl}${message.photo.url}`, { headers: { authorization: `Bearer ${tokens.sam}` } });
    expect(file.status).toBe(200);
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    const stranger = await fetch(`${stack.apiUrl}${message.photo.url}`, { headers: { authorization: `Bearer ${tokens.leo}` } });
    expect(stranger.status).toBe(404);

    // Refused: not an image, too large, a stranger's booking — and nothing stored.
    const before = (await stack.deps.db.select().from(attachments).where(eq(attachments.bookingId, booking.id))).length;
    const text = await postPhoto(tokens.maya, booking.id, new TextEncoder().encode('not a photo at all'), 'image/jpeg');
    expect(text).toMatchObject({ status: 415 });
    expect(String(text.body['error'])).toMatch(/Only JPEG, PNG or WebP/);
    const strangers = await postPhoto(tokens.leo, booking.id, await jpeg());
    expect(strangers.status).toBe(404);
    expect((await stack.deps.db.select().from(attachments).where(eq(attachments.bookingId, booking.id))).length).toBe(before);
  });

  it('a message can be reported to the operators, once, and not by its author; operators list and review reports', async () => {
    const booking = await createBookingFor(stack, MAYA, SAM);
    const { message } = await sam.messages.send.mutate({ bookingId: booking.id, body: 'Pay me in cash outside the app' });
    expect(await codeOf(sam.messages.report.mutate({ messageId: message.id, reason: 'Mine' }))).toBe('BAD_REQUEST');
    expect(await codeOf(leo.messages.report.mutate({ messageId: message.id, reason: 'Not my booking' }))).toBe('NOT_FOUND');
    const first = await maya.messages.report.mutate({ messageId: message.id, reason: 'Asks to pay outside Handled' });
    const again = await maya.messages.report.mutate({ messageId: message.id, reason: 'Again' });
    expect(again).toEqual({ reportId: first.reportId, alreadyReported: true });
    expect(await codeOf(maya.messages.reports.query({ status: 'open' }))).toBe('FORBIDDEN');
    const { reports } = await ana.messages.reports.query({ status: 'open' });
    expect(reports.find((r) => r.id === first.reportId)).toMatchObject({
      body: 'Pay me in cash outside the app',
      reason: 'Asks to pay outside Handled',
      authorName: expect.any(String),
      reporterName: 'Maya Lopez',
    });
    await ana.messages.reviewReport.mutate({ reportId: first.reportId, note: 'Warned the provider' });
    const rows = await stack.deps.db.select().from(messageReports).where(eq(messageReports.id, first.reportId));
    expect(rows[0]).toMatchObject({ status: 'reviewed', reviewNote: 'Warned the provider' });
  });

  it('a client asks a provider a question before booking; both sides read and answer it, masked, live', async () => {
    const [profile] = await stack.deps.db
      .select()
      .from(providerProfiles)
      .where(eq(providerProfiles.userId, await userId(stack, SAM)));
    const slug = profile!.slug;
    const samStream = subscribe(stack.apiUrl, tokens.sam);
    await samStream.ready();
    const asked = await leo.messages.ask.mutate({ provider: slug, body: 'Do you fix boilers? My number is 07700 900123' });
    expect(asked.masked).toBe(1);
    await eventually(async () => {
      if (!samStream.events.some((e) => e.kind === 'enquiry' && e.refId === asked.enquiryId)) throw new Error('no live enquiry');
    }, 5_000);
    await samStream.close();
    const inbox = await sam.messages.enquiries.query();
    expect(inbox.enquiries.find((e) => e.enquiryId === asked.enquiryId)).toMatchObject({ unread: 1 });
    const thread = await sam.messages.enquiry.query({ enquiryId: asked.enquiryId });
    expect(thread.messages[0]?.body).toBe(`Do you fix boilers? My number is ${MASKED_CONTACT}`);
    await sam.messages.replyEnquiry.mutate({ enquiryId: asked.enquiryId, body: 'Yes, book an hour and I will look.' });
    expect((await leo.messages.enquiry.query({ enquiryId: asked.enquiryId })).messages.map((m) => m.mine)).toEqual([true, false]);
    expect(await codeOf(maya.messages.enquiry.query({ enquiryId: asked.enquiryId }))).toBe('NOT_FOUND');
    expect(await codeOf(sam.messages.ask.mutate({ provider: slug, body: 'hi' }))).toBe('FORBIDDEN');
  });
});
