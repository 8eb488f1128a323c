import { existsSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, receipts } from '@handled/db/schema';
import { confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

const maya = 'maya@demo.handled.test';
const leo = 'leo@demo.handled.test';
const sam = 'sam@demo.handled.test';
const priya = 'priya@demo.handled.test';
const ana = 'ana@demo.handled.test';

let stack: TestStack;
let tokens: Record<'maya' | 'leo' | 'sam' | 'priya' | 'ana', string>;
let booking: Awaited<ReturnType<typeof confirmedBookingFor>>;

beforeAll(async () => {
  stack = await startTestStack();
  const entries = await Promise.all(
    (
      [
        ['maya', maya],
        ['leo', leo],
        ['sam', sam],
        ['priya', priya],
        ['ana', ana],
      ] as const
    ).map(async ([k, e]) => [k, (await stack.signIn(e)).token] as const),
  );
  tokens = Object.fromEntries(entries) as typeof tokens;
  booking = await confirmedBookingFor(stack, maya, sam, 2);
});
afterAll(() => stack?.close());

const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });

async function upload(
  who: keyof typeof tokens | null,
  bookingId: string,
  kind: string | null,
  bytes: Uint8Array,
  filename: string,
  type: string,
) {
  const form = new FormData();
  form.append('file', new Blob([bytes.slice()], { type }), filename);
  const res = await fetch(`${stack.apiUrl}/uploads/bookings/${bookingId}${kind ? `?kind=${kind}` : ''}`, {
    method: 'POST',
    headers: who ? auth(who) : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A phone-like JPEG: landscape pixels, EXIF orientation 6 (portrait), camera make and a GPS position. */
async function phoneJpeg(width = 800, height = 600) {
  return sharp({ create: { width, height, channels: 3, background: '#2f6f8f' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Pocket 9' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 44/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '73/1 59/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const folderOf = (bookingId: string) => join(stack.dataDir, 'uploads', 'bookings', bookingId);
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const rowsOf = async (bookingId: string) => stack.deps.db.select().from(attachments).where(eq(attachments.bookingId, bookingId));

describe('job photos', () => {
  it('the provider uploads a before photo: stored upright, without EXIF or GPS, with a thumbnail, readable by the parties only', async () => {
    const original = await phoneJpeg();
    expect((await sharp(original).metadata()).exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // has a GPS IFD
    const res = await upload('sam', booking.id, 'before', original, 'IMG_0001.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'before', mime: 'image/jpeg', width: 600, height: 800, bookingId: booking.id });
    expect(filesIn(folderOf(booking.id)).sort()).toEqual([`${String(res.body['id'])}.jpg`, `${String(res.body['id'])}.thumb.webp`].sort());

    const full = await fetch(`${stack.apiUrl}${String(res.body['url'])}`, { headers: auth('maya') });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await full.arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([600, 800, undefined, undefined]);
    expect(stored.includes(Buffer.from('TestCam'))).toBe(false);

    const thumb = await fetch(`${stack.apiUrl}${String(res.body['thumbUrl'])}`, { headers: auth('ana') });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const tmeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([tmeta.format, tmeta.width, tmeta.height]).toEqual(['webp', 300, 400]);

    // Strangers learn nothing; the anonymous must sign in; the public /files route does not serve it.
    for (const who of ['leo', 'priya'] as const)
      expect((await fetch(`${stack.apiUrl}${String(res.body['url'])}`, { headers: auth(who) })).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}${String(res.body['url'])}`)).status).toBe(401);
    expect((await fetch(`${stack.apiUrl}/files/bookings/${booking.id}/${String(res.body['id'])}.jpg`)).status).toBe(404);

    const listed = await (await stack.clientAs(maya)).attachments.list.query({ id: booking.id });
    expect(listed.map((a) => a.id)).toEqual([res.body['id']]);
    expect(
      await (await stack.clientAs(leo)).attachments.list.query({ id: booking.id }).catch((e: { data?: { code?: string } }) => e.data?.code),
    ).toBe('NOT_FOUND');
    const view = await (await stack.clientAs(maya)).bookings.get.query({ id: booking.id });
    expect(view.timeline.some((e) => e.type === 'booking.photo_added')).toBe(true);
  });

  it('PNG and WebP are accepted and stay in their format', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#00ff00' } })
      .webp()
      .toBuffer();
    const a = await upload('sam', booking.id, 'before', png, 'tap.png', 'image/png');
    const b = await upload('sam', booking.id, 'before', webp, 'sink.webp', 'image/webp');
    expect([a.status, a.body['mime'], b.status, b.body['mime']]).toEqual([201, 'image/png', 201, 'image/webp']);
  });
});

describe('bad uploads are refused with a clear error and nothing is stored', () => {
  let fresh: Awaited<ReturnType<typeof confirmedBookingFor>>;
  beforeAll(async () => {
    fresh = await confirmedBookingFor(stack, leo, priya, 1);
  });

  const expectNothingStored = async () => {
    expect(filesIn(folderOf(fresh.id))).toEqual([]);
    expect(await rowsOf(fresh.id)).toEqual([]);
  };

  it('a PDF named .jpg and sent as image/jpeg (wrong type behind a right extension) → 415', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const res = await upload('priya', fresh.id, 'before', pdf, 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(415);
    expect(String(res.body['error'])).toContain('Only JPEG, PNG or WebP');
    await expectNothingStored();
  });

  it('a GIF, a text file and a truncated JPEG → 415', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const jpeg = await phoneJpeg(400, 300);
    for (const [bytes, name] of [
      [gif, 'a.png'],
      [Buffer.from('just some text, not a photo'), 'b.jpg'],
      [jpeg.subarray(0, 300), 'c.jpg'],
    ] as const) {
      const res = await upload('priya', fresh.id, 'before', bytes, name, 'image/jpeg');
      expect(res.status, name).toBe(415);
      expect(res.body['error']).toBeTruthy();
    }
    await expectNothingStored();
  });

  it('HEIC is recognised and refused with advice (no HEVC decoder here)', async () => {
    // The start of an iPhone HEIC: an ftyp box with brand "heic".
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mif1heic'),
      Buffer.alloc(64),
    ]);
    const res = await upload('priya', fresh.id, 'before', heic, 'IMG_0002.HEIC', 'image/heic');
    expect(res.status).toBe(415);
    expect(String(res.body['error'])).toContain('HEIC');
    await expectNothingStored();
  });

  it('too large → 413 before anything is read into storage', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(await phoneJpeg(32, 32));
    const res = await upload('priya', fresh.id, 'before', big, 'huge.jpg', 'image/jpeg');
    expect(res.status).toBe(413);
    expect(String(res.body['error'])).toContain('10 MB');
    await expectNothingStored();
  });

  it('not the provider of the booking, not signed in, no kind, or the wrong moment → refused', async () => {
    const jpeg = await phoneJpeg(200, 150);
    expect((await upload('sam', fresh.id, 'before', jpeg, 'x.jpg', 'image/jpeg')).status).toBe(404); // another provider
    expect((await upload('maya', fresh.id, 'before', jpeg, 'x.jpg', 'image/jpeg')).status).toBe(404); // another client
    expect((await upload('leo', fresh.id, 'before', jpeg, 'x.jpg', 'image/jpeg')).status).toBe(403); // its client
    expect((await upload(null, fresh.id, 'before', jpeg, 'x.jpg', 'image/jpeg')).status).toBe(401);
    expect((await upload('priya', fresh.id, null, jpeg, 'x.jpg', 'image/jpeg')).status).toBe(400);
    const early = await upload('priya', fresh.id, 'after', jpeg, 'x.jpg', 'image/jpeg');
    expect(early.status).toBe(409);
    expect(String(early.body['error'])).toContain('After photos');
    await expectNothingStored();
  });
});

describe('receipt', () => {
  it('on confirmed completion a PDF receipt is stored, emailed with the PDF, and downloadable by both sides only', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 2);
    const start = new Date(b.startsAt).getTime();
    const provider = await stack.clientAs(sam);
    const client = await stack.clientAs(maya);
    try {
      setClock(stack, start - 10 * 60_000);
      await provider.lifecycle.start.mutate({ id: b.id });
      const items = (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
      setClock(stack, start + 2.5 * 3_600_000);
      await provider.lifecycle.complete.mutate({ id: b.id, checklist: items, actualHours: 2.5, notes: 'New cartridge fitted.' });
      setClock(stack, start + 4 * 3_600_000);
      await client.lifecycle.confirmCompletion.mutate({ id: b.id });
    } catch (e) {
      resetClock(stack);
      throw e;
    }
    // The jobs were written at the moved clock's "now"; the worker runs them while it still reads so.
    const final = await eventually(async () => {
      const rows = await stack.deps.db.select().from(receipts).where(eq(receipts.bookingId, b.id));
      const r = rows.find((x) => x.kind === 'final' && x.emailedAt);
      if (!r) throw new Error('no final receipt yet');
      return r;
    }, 20_000).finally(() => resetClock(stack));
    expect(final.number).toMatch(new RegExp(`^${b.reference}-R\\d$`));

    const mail = (await (await fetch(`${stack.emulatorsUrl}/_/mailbox/messages?to=${encodeURIComponent(maya)}`)).json()) as {
      emails: {
        subject: string;
        attachments: { filename: string; size: number; content_type: string | null; content_id: string | null }[];
      }[];
    };
    const sent = mail.emails.find((e) => e.subject === `Your receipt for booking ${b.reference}`);
    expect(sent?.attachments).toEqual([
      { filename: `${final.number}.pdf`, size: expect.any(Number), content_type: 'application/pdf', content_id: null },
    ]);
    expect(sent?.attachments[0]?.size).toBeGreaterThan(1000);

    const listed = await client.lifecycle.receipts.query({ id: b.id });
    expect(listed[0]).toMatchObject({ number: final.number, kind: 'final', url: `/receipts/${b.id}.pdf` });
    for (const who of ['maya', 'sam', 'ana'] as const) {
      const res = await fetch(`${stack.apiUrl}/receipts/${b.id}.pdf`, { headers: auth(who) });
      expect(res.status, who).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    for (const who of ['leo', 'priya'] as const)
      expect((await fetch(`${stack.apiUrl}/receipts/${b.id}.pdf`, { headers: auth(who) })).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/receipts/${b.id}.pdf`)).status).toBe(401);
    expect((await fetch(`${stack.apiUrl}/files/receipts/${b.id}/${final.number}.pdf`)).status).toBe(404);

    // What the PDF says (pdftotext comes with poppler-utils; skipped where it is not installed).
    const pdf = Buffer.from(await (await fetch(`${stack.apiUrl}/receipts/${b.id}.pdf`, { headers: auth('maya') })).arrayBuffer());
    let text: string | null;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
      writeFileSync(join(dir, 'r.pdf'), pdf);
      // Kept for a person to look at: pdftoppm -png -r 80 $TMPDIR/handled-receipt-latest.pdf
      writeFileSync(join(tmpdir(), 'handled-receipt-latest.pdf'), pdf);
      text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      text = null;
    }
    if (text !== null) {
      for (const s of [
        b.reference,
        final.number,
        'Sam Okafor',
        'Maya Lopez',
        'America/New_York',
        'New York time',
        '2.5 h worked',
        'Payment received',
        'Balance due',
      ])
        expect(text, s).toContain(s);
    }
  });
});
