import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookingEvents } from '@handled/db/schema';
import { codeOf, confirmedBookingFor, createBookingFor, jobsOf, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

/**
 * Issue 21, the client's side of a job through the real API: photos of the problem sent with a
 * request (theirs only until sent, then the booking's parties'), the provider's work in the
 * completion email and the final receipt, and the no-show quote shown before the report.
 */
const MIN = 60_000;
const maya = 'maya@demo.handled.test';
const leo = 'leo@demo.handled.test';
const sam = 'sam@demo.handled.test';
const priya = 'priya@demo.handled.test';

let stack: TestStack;
let tokens: Record<'maya' | 'leo' | 'sam' | 'priya' | 'ana', string>;
beforeAll(async () => {
  stack = await startTestStack();
  const entries = await Promise.all(
    (['maya', 'leo', 'sam', 'priya', 'ana'] as const).map(async (k) => [k, (await stack.signIn(`${k}@demo.handled.test`)).token] as const),
  );
  tokens = Object.fromEntries(entries) as typeof tokens;
});
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });
const jpeg = (colour: string) =>
  sharp({ create: { width: 900, height: 600, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' } })
    .toBuffer();

async function post(path: string, who: keyof typeof tokens | null, bytes: Uint8Array, type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([bytes.slice()], { type }), 'photo.jpg');
  const res = await fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers: who ? auth(who) : {}, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const get = (path: string, who: keyof typeof tokens | null) => fetch(`${stack.apiUrl}${path}`, { headers: who ? auth(who) : {} });

describe('photos of the problem, sent with a request', () => {
  it('are uploaded before the request (re-encoded, without EXIF), readable by the client alone, then by the booking’s parties only', async () => {
    const a = await post('/uploads/requests', 'maya', await jpeg('#804020'));
    const b = await post('/uploads/requests', 'maya', await jpeg('#204080'));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toMatchObject({ kind: 'problem', bookingId: null, mime: 'image/jpeg' });
    const full = Buffer.from(await (await get(String(a.body['url']), 'maya')).arrayBuffer());
    expect((await sharp(full).metadata()).exif).toBeUndefined();
    expect(full.includes(Buffer.from('TestCam'))).toBe(false);
    // Before it is sent, nobody else — not even the provider it is meant for.
    for (const who of ['leo', 'sam'] as const) expect((await get(String(a.body['url']), who)).status).toBe(404);
    // Providers do not upload photos of the problem; signed-out visitors cannot.
    expect((await post('/uploads/requests', 'sam', await jpeg('#000'))).status).toBe(403);
    expect((await post('/uploads/requests', null, await jpeg('#000'))).status).toBe(401);
    expect((await post('/uploads/requests', 'maya', Buffer.from('%PDF-1.4 not a photo'), 'image/jpeg')).status).toBe(415);

    // Another client cannot send Maya's upload with their own request.
    expect(await codeOf(requestWith(leo, priya, [String(a.body['id'])]))).toBe('BAD_REQUEST');
    const booking = await requestWith(maya, sam, [String(a.body['id']), String(b.body['id'])]);
    const listed = await (await stack.clientAs(sam)).attachments.list.query({ id: booking.id });
    expect(
      listed
        .filter((p) => p.kind === 'problem')
        .map((p) => p.id)
        .sort(),
    ).toEqual([a.body['id'], b.body['id']].sort());
    expect((await get(String(a.body['thumbUrl']), 'sam')).status).toBe(200);
    const shown = await get(`${String(a.body['url'])}?w=320`, 'ana');
    expect(shown.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await shown.arrayBuffer())).metadata()).width).toBe(320);
    expect((await get(`${String(a.body['url'])}?w=333`, 'maya')).status).toBe(400);
    for (const who of ['leo', 'priya'] as const) expect((await get(String(a.body['url']), who)).status).toBe(404);
    // A photo goes with one request only (even once that request is cancelled).
    await (await stack.clientAs(maya)).lifecycle.cancel.mutate({ id: booking.id, reason: 'Asked again below' });
    expect(await codeOf(requestWith(maya, sam, [String(a.body['id'])]))).toBe('BAD_REQUEST');
    // The provider's request message counts them and links to the booking.
    await eventually(async () => {
      const email = stack.emulators.emulators.resend.emails.find(
        (e) => e.to.includes(sam) && e.subject.startsWith('New request') && (e.text ?? '').includes(booking.id),
      );
      expect(email?.text).toContain('📷 2 photos of the problem');
    });
  });

  it('a photo sent with two requests at once goes with one of them; the other is refused and writes nothing', async () => {
    const photo = await post('/uploads/requests', 'maya', await jpeg('#406080'));
    // Two free slots of Sam's: the fixture's first free starts, freed again.
    const slots = [await createBookingFor(stack, maya, sam, 1), await createBookingFor(stack, maya, sam, 1)];
    for (const b of slots) await (await stack.clientAs(maya)).lifecycle.cancel.mutate({ id: b.id, reason: 'test' });
    const api = await stack.clientAs(maya);
    const ask = (b: (typeof slots)[number]) =>
      api.bookings.request.mutate({
        providerId: b.provider.id,
        categoryId: b.category.id,
        startsAt: b.startsAt,
        hours: 1,
        details: 'Both requests carry the same photo.',
        specialRequirements: '',
        address: { line1: '350 W 42nd St', city: 'New York', region: 'NY', postalCode: '10036', country: 'US' },
        contactPhone: '+1 212 555 0188',
        photoIds: [String(photo.body['id'])],
      });
    const outcomes = await Promise.allSettled(slots.map(ask));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.findIndex((o) => o.status === 'rejected');
    expect(await codeOf(Promise.reject((outcomes[lost] as PromiseRejectedResult).reason))).toBe('BAD_REQUEST');
    // Nothing of the refused request was written: no booking at its start, and the photo is the winner's.
    const mine = await api.bookings.mine.query({ scope: 'upcoming' });
    expect(mine.filter((b) => b.startsAt === slots[lost]!.startsAt && b.status === 'requested')).toEqual([]);
    const won = mine.find((b) => b.startsAt === slots[1 - lost]!.startsAt && b.status === 'requested');
    const listed = await (await stack.clientAs(sam)).attachments.list.query({ id: won!.id });
    expect(listed.map((p) => p.id)).toEqual([photo.body['id']]);
  });

  it('at most five go with one request', async () => {
    expect(await codeOf(requestWith(maya, sam, ['a', 'b', 'c', 'd', 'e', 'f']))).toBe('BAD_REQUEST');
  });
});

/** Like the fixture's request, with photos: the fixture finds the first free start, which is freed again and asked for with the photos. */
async function requestWith(client: string, provider: string, photoIds: string[]) {
  const first = await createBookingFor(stack, client, provider, 1).then(async (b) => {
    // The fixture's request finds the first free slot; cancel it and ask again for that slot with photos.
    await (await stack.clientAs(client)).lifecycle.cancel.mutate({ id: b.id, reason: 'test' });
    return b;
  });
  const api = await stack.clientAs(client);
  return api.bookings.request.mutate({
    providerId: first.provider.id,
    categoryId: first.category.id,
    startsAt: first.startsAt,
    hours: 1,
    details: 'The tap drips; see the photos.',
    specialRequirements: '',
    address: { line1: '350 W 42nd St', city: 'New York', region: 'NY', postalCode: '10036', country: 'US' },
    contactPhone: '+1 212 555 0188',
    photoIds,
  });
}

describe('the work, shown to the client', () => {
  it('the completion email lists hours, checklist and notes with the photos inline; the final receipt has a page of the work with thumbnails', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 2);
    const start = new Date(b.startsAt).getTime();
    const provider = await stack.clientAs(sam);
    setClock(stack, start - 10 * MIN);
    expect((await post(`/uploads/bookings/${b.id}?kind=before`, 'sam', await jpeg('#aa3300'))).status).toBe(201);
    setClock(stack, start);
    await provider.lifecycle.start.mutate({ id: b.id });
    expect((await post(`/uploads/bookings/${b.id}?kind=after`, 'sam', await jpeg('#33aa00'))).status).toBe(201);
    const { checklist } = await provider.lifecycle.job.query({ id: b.id });
    setClock(stack, start + 150 * MIN);
    await provider.lifecycle.complete.mutate({
      id: b.id,
      checklist: checklist.map((c) => c.item),
      actualHours: 2.5,
      notes: 'Replaced the cartridge; no more drips.',
    });
    stack.server.worker.kick();
    const email = await eventually(async () => {
      const e = stack.emulators.emulators.resend.emails.find(
        (m) => m.to.includes(maya) && m.subject.includes('marked the job done') && (m.html ?? '').includes(b.reference),
      );
      if (!e) throw new Error('no completion email yet');
      return e;
    });
    expect(email.text).toContain('2.5 h worked (2 h estimated)');
    expect(email.text).toContain('Replaced the cartridge');
    for (const item of checklist) expect(email.text).toContain(`✓ ${item.item}`);
    expect(email.html).toContain('src="cid:photo-1"');
    expect(email.attachments.map((a) => a.content_id)).toEqual(['photo-1', 'photo-2']);

    setClock(stack, start + 200 * MIN);
    await (await stack.clientAs(maya)).lifecycle.confirmCompletion.mutate({ id: b.id });
    stack.server.worker.kick();
    await eventually(async () =>
      expect((await (await stack.clientAs(maya)).lifecycle.receipts.query({ id: b.id })).map((r) => r.kind)).toContain('final'),
    );
    const pdf = Buffer.from(await (await get(`/receipts/${b.id}.pdf`, 'maya')).arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'receipt-work-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    for (const s of [
      'The work',
      '2.5 h worked (2 h estimated)',
      'Replaced the cartridge',
      'Before photos (1)',
      'After photos (1)',
      checklist[0]!.item,
    ])
      expect(text, s).toContain(s);
    // Two images on the work page: the thumbnails.
    const images = execFileSync('pdfimages', ['-list', join(dir, 'r.pdf')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(images).toHaveLength(2);
  });
});

describe("the provider didn't come", () => {
  it('the quote says from when, then what happens — the same refund the report makes', async () => {
    const b = await confirmedBookingFor(stack, leo, priya, 1);
    const client = await stack.clientAs(leo);
    setClock(stack, new Date(b.startsAt).getTime() + 5 * MIN);
    const early = await client.lifecycle.noShowQuote.query({ id: b.id });
    expect(early).toMatchObject({ allowed: false, opensAt: new Date(new Date(b.startsAt).getTime() + 15 * MIN).toISOString() });
    expect(await codeOf(client.lifecycle.reportNoShow.mutate({ id: b.id }))).toBe('CONFLICT');
    setClock(stack, new Date(b.startsAt).getTime() + 16 * MIN);
    const quote = await client.lifecycle.noShowQuote.query({ id: b.id });
    if (!quote.allowed) throw new Error(`not allowed: ${quote.reason}`);
    expect(quote.refund).toBe(b.price.total);
    expect(quote.explanation).toContain('everything you paid');
    const closed = await client.lifecycle.reportNoShow.mutate({ id: b.id, reason: 'Nobody came' });
    expect(closed.status).toBe('no_show');
    expect((await jobsOf(stack, b.id, 'payment.refund')).map((j) => j.payload['amount'])).toEqual([quote.refund]);
    const events = (await stack.deps.db.select().from(bookingEvents)).filter((e) => e.bookingId === b.id).map((e) => e.type);
    expect(events).toContain('booking.provider_no_show');
  });
});
