import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { shot, shotsDir } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { newSitePage } from './site-helpers.ts';
import { payInvoice, signInOnSite } from './site-steps.ts';

/**
 * Issue 21 in Chromium against the built site: a client sends two photos with a request, the
 * provider sees them in the desk, documents the job, and the client sees the work (gallery with a
 * full-screen viewer, checklist, hours, notes) on the booking page and in the receipt PDF; another
 * client cannot fetch the photos; a no-show is reported after the grace period and not before;
 * the no-JavaScript booking page names its zone; an unknown place lists nobody; no page overflows
 * at 360, 390, 768 or 1280 px. Screenshots: screenshots/site-work-{phone,desktop}/.
 */
const MAYA = 'maya@demo.handled.test';
const SAM = 'sam@demo.handled.test';
let sandbox: Sandbox;
let browser: Browser;
useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});
afterAll(() => {
  if (sandbox) resetClock(sandbox.stack);
});

/** A real JPEG drawn by the browser's canvas (a coloured scene), so the test needs no image library of its own. */
async function photo(colour: string): Promise<Buffer> {
  const page = await browser.newPage();
  const b64 = await page.evaluate((c) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1200, 900);
    ctx.fillStyle = 'rgba(255,255,255,0.35)';
    ctx.fillRect(200, 250, 800, 400);
    ctx.fillStyle = '#1f2933';
    ctx.beginPath();
    ctx.arc(600, 450, 120, 0, Math.PI * 2);
    ctx.fill();
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  }, colour);
  await page.close();
  return Buffer.from(b64, 'base64');
}

/** How far the page is wider than the window (0 when nothing overflows). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

let bookingId = '';
let bookingUrl = '';

describe("the client's side of a job", () => {
  it('a client attaches two photos to a request; the provider sees them in the desk', async () => {
    const { context, page } = await newSitePage(browser, 'phone');
    await signInOnSite(page, sandbox.webUrl, MAYA);
    await page.goto(`${sandbox.webUrl}/providers/sam-okafor`);
    // The service goes into the booking link by its slug, never its id.
    await page.locator('[data-testid=slot]').first().click();
    await Promise.all([page.waitForURL(/\/book/), page.click('[data-testid=request-booking]')]);
    expect(page.url()).not.toMatch(/category=[0-9a-f]{8}-/);
    await page.fill('[name=details]', 'Kitchen tap drips constantly; photos attached.');
    await page.fill('[name=line1]', '350 W 42nd St');
    await page.fill('[name=city]', 'New York');
    await page.fill('[name=postalCode]', '10036');
    await page.selectOption('select[name=country]', 'US');
    await page.fill('[name=contactPhone]', '+1 212 555 0188');
    await page.locator('[data-testid=request-photo-input]').setInputFiles([
      { name: 'tap.jpg', mimeType: 'image/jpeg', buffer: await photo('#8a4b2d') },
      { name: 'cabinet.jpg', mimeType: 'image/jpeg', buffer: await photo('#2d5f8a') },
    ]);
    await expect.poll(() => page.locator('[data-testid=request-photo]').count(), { timeout: 20_000 }).toBe(2);
    await expect
      .poll(() =>
        page
          .locator('[data-testid=request-photo]')
          .last()
          .evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth),
      )
      .toBeGreaterThan(0);
    await shot(page, 'site-work-phone', '01-request-photos');
    await Promise.all([page.waitForURL(/\/bookings\/[^/?]+/), page.click('[data-testid=submit-booking]')]);
    bookingId = new URL(page.url()).pathname.split('/').pop()!;
    bookingUrl = `${sandbox.webUrl}/bookings/${bookingId}`;
    expect(await page.locator('[data-testid=problem-photos] [data-testid=gallery-photo]').count()).toBe(2);
    await shot(page, 'site-work-phone', '02-request-sent');
    await context.close();

    const desk = await openDesk(browser, sandbox, { kind: 'desktop', email: SAM, route: `#/bookings/${bookingId}` });
    await desk.page.locator('[data-testid=client-photos] [data-testid=client-photo] img').nth(1).waitFor({ timeout: 20_000 });
    expect(await desk.page.locator('[data-testid=client-photo]').count()).toBe(2);
    await shot(desk.page, 'site-work-desktop', '03-desk-client-photos');
    await desk.context.close();
  });

  it('paid on the hosted page, which leads back to the booking', async () => {
    await (await sandbox.stack.clientAs(SAM)).bookings.accept.mutate({ id: bookingId });
    const { context, page } = await newSitePage(browser, 'phone');
    await signInOnSite(page, sandbox.webUrl, MAYA);
    await payInvoice(page, sandbox.webUrl, bookingId);
    const back = page.locator('[data-testid=back-to-booking]');
    expect(await back.getAttribute('href')).toBe(bookingUrl);
    await shot(page, 'site-work-phone', '04-hosted-paid');
    await Promise.all([page.waitForURL(bookingUrl), back.click()]);
    await context.close();
  });

  it('the provider documents the job; the client sees the gallery, checklist, hours and notes, and the receipt PDF has them', async () => {
    const sam = await sandbox.stack.clientAs(SAM);
    const maya = await sandbox.stack.clientAs(MAYA);
    await expect.poll(async () => (await maya.bookings.get.query({ id: bookingId })).status, { timeout: 30_000 }).toBe('confirmed');
    const start = Date.parse((await maya.bookings.get.query({ id: bookingId })).startsAt);
    const { token } = await sandbox.stack.signIn(SAM);
    const upload = async (kind: string, colour: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await photo(colour))], { type: 'image/jpeg' }), `${kind}.jpg`);
      const res = await fetch(`${sandbox.stack.apiUrl}/uploads/bookings/${bookingId}?kind=${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(res.status).toBe(201);
    };
    setClock(sandbox.stack, start - 10 * 60_000);
    await upload('before', '#6b6b6b');
    await upload('before', '#7a5230');
    setClock(sandbox.stack, start);
    await sam.lifecycle.start.mutate({ id: bookingId });
    await upload('after', '#3f9a5a');
    const { checklist } = await sam.lifecycle.job.query({ id: bookingId });
    setClock(sandbox.stack, start + 150 * 60_000);
    await sam.lifecycle.complete.mutate({
      id: bookingId,
      checklist: checklist.map((c) => c.item),
      actualHours: 2.5,
      notes: 'Replaced the cartridge and both washers. No more drips.',
    });

    for (const kind of ['phone', 'desktop'] as const) {
      const { context, page } = await newSitePage(browser, kind);
      await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${bookingId}`);
      const work = page.locator('[data-testid=work-done]');
      await work.waitFor();
      expect(await work.locator('[data-testid=gallery-before] [data-testid=gallery-photo]').count()).toBe(2);
      expect(await work.locator('[data-testid=gallery-after] [data-testid=gallery-photo]').count()).toBe(1);
      expect(await work.locator('[data-testid=work-checklist] li[data-done=true]').count()).toBe(checklist.length);
      expect(await work.locator('[data-testid=work-hours]').innerText()).toMatch(/2\.5 h worked · 2 h estimated/);
      expect(await work.locator('[data-testid=work-notes]').innerText()).toContain('Replaced the cartridge');
      // Grid photos are the thumbnails; each has loaded.
      const thumbs = work.locator('[data-testid=gallery-photo] img');
      expect(await thumbs.first().getAttribute('src')).toMatch(/\/attachments\/[^/]+\/thumb$/);
      await expect
        .poll(() =>
          thumbs.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)),
        )
        .toBe(true);
      await shot(page, `site-work-${kind}`, '05-work-done');
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      // The full-screen viewer: opens on the photo, arrow keys and a swipe move on, Esc closes.
      await work.locator('[data-testid=gallery-photo]').first().click();
      const viewer = work.locator('[data-testid=photo-viewer]');
      await viewer.locator('[data-testid=viewer-image]').waitFor();
      expect(await viewer.locator('[data-testid=viewer-caption]').innerText()).toBe('Before · 1 of 3');
      await expect
        .poll(() => viewer.locator('[data-testid=viewer-image]').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
        .toBeGreaterThan(0);
      await shot(page, `site-work-${kind}`, '06-viewer');
      await page.keyboard.press('ArrowRight');
      expect(await viewer.locator('[data-testid=viewer-caption]').innerText()).toBe('Before · 2 of 3');
      if (kind === 'phone') {
        const box = (await viewer.locator('[data-testid=viewer-image]').boundingBox())!;
        await viewer.locator('[data-testid=viewer-image]').evaluate((el, b) => {
          const at = (type: string, x: number) =>
            el.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerType: 'touch', clientX: x, clientY: b.y + b.height / 2 }));
          at('pointerdown', b.x + b.width * 0.8);
          at('pointerup', b.x + b.width * 0.2);
        }, box);
        expect(await viewer.locator('[data-testid=viewer-caption]').innerText()).toBe('After · 3 of 3');
      }
      await page.keyboard.press('Escape');
      await expect.poll(() => viewer.isVisible()).toBe(false);
      await context.close();
    }

    // The client confirms; the final receipt carries the work (text and thumbnails).
    setClock(sandbox.stack, start + 200 * 60_000);
    await maya.lifecycle.confirmCompletion.mutate({ id: bookingId });
    // The receipt job is due at the moved clock's now: the worker runs it before the clock goes back.
    sandbox.stack.server.worker.kick();
    await expect
      .poll(async () => (await maya.lifecycle.receipts.query({ id: bookingId })).map((r) => r.kind), { timeout: 30_000, interval: 500 })
      .toContain('final');
    resetClock(sandbox.stack);
    const { context, page } = await newSitePage(browser, 'desktop');
    await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${bookingId}`);
    const pdf = await page.request.get(`${sandbox.webUrl}/receipts/${bookingId}.pdf`);
    expect(pdf.status()).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'site-work-receipt-'));
    writeFileSync(join(dir, 'r.pdf'), await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    for (const s of [
      'The work',
      '2.5 h worked (2 h estimated)',
      'Replaced the cartridge',
      'Before photos (2)',
      'After photos (1)',
      checklist[0]!.item,
    ])
      expect(text, s).toContain(s);
    // The work page, as an image to look at beside the screenshots.
    const out = resolve(shotsDir, 'site-work-desktop');
    mkdirSync(out, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '2', '-l', '2', join(dir, 'r.pdf'), join(out, '07-receipt-work')]);
    expect(
      execFileSync('pdfimages', ['-list', join(dir, 'r.pdf')], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .slice(2),
    ).toHaveLength(3);

    // Another client cannot fetch the photos (through the site or the API); the owner can.
    const photos = await maya.attachments.list.query({ id: bookingId });
    expect(photos).toHaveLength(5);
    const leo = await browser.newContext();
    const leoPage = await leo.newPage();
    await signInOnSite(leoPage, sandbox.webUrl, 'leo@demo.handled.test');
    for (const p of photos) {
      expect((await leoPage.request.get(`${sandbox.webUrl}${p.url}`)).status()).toBe(404);
      expect((await leoPage.request.get(`${sandbox.webUrl}${p.thumbUrl}`)).status()).toBe(404);
    }
    expect((await page.request.get(`${sandbox.webUrl}${photos[0]!.url}?w=640`)).status()).toBe(200);
    await leo.close();
    await context.close();
  });

  it("reports a provider who didn't come after the grace period, and not before", async () => {
    const b = await confirmedBookingFor(sandbox.stack, MAYA, SAM, 1);
    const start = Date.parse(b.startsAt);
    const { context, page } = await newSitePage(browser, 'phone');
    await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${b.id}`);
    setClock(sandbox.stack, start + 5 * 60_000);
    await page.reload();
    const panel = page.locator('[data-testid=no-show]');
    expect(await panel.getAttribute('data-allowed')).toBe('false');
    expect(await panel.locator('[data-testid=no-show-wait]').innerText()).toMatch(/by \d{1,2}:\d{2}\s?[AP]M/);
    expect(await page.locator('[data-testid=report-no-show]').count()).toBe(0);
    await shot(page, 'site-work-phone', '08-no-show-wait');

    setClock(sandbox.stack, start + 20 * 60_000);
    await page.reload();
    expect(await panel.getAttribute('data-allowed')).toBe('true');
    expect(await panel.locator('[data-testid=no-show-consequence]').innerText()).toContain('everything you paid');
    await shot(page, 'site-work-phone', '09-no-show-report');
    await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=report-no-show]')]);
    await expect
      .poll(async () => page.locator('[data-testid=booking-status]').first().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('no_show');
    expect(await page.locator('[data-testid=no-show]').count()).toBe(0);
    await shot(page, 'site-work-phone', '10-no-show-reported');
    resetClock(sandbox.stack);
    await context.close();
  });
});

describe("the site's rough edges", () => {
  it('without JavaScript the booking page names the New York zone; an unknown place lists nobody; a signed-in footer offers no sign-up', async () => {
    const { context, page } = await newSitePage(browser, 'phone', { javaScriptEnabled: false });
    await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${bookingId}`);
    expect(await page.locator('[data-testid=booking-zone]').innerText()).toMatch(/New York time \((EST|EDT)/);
    expect(await page.locator('[data-testid=booking-when]').innerText()).toMatch(/E[SD]T/);
    expect(await page.locator('footer').innerText()).not.toContain('Create an account');
    await shot(page, 'site-work-phone', '11-booking-nojs');

    await page.goto(`${sandbox.webUrl}/search?where=zzzz&category=plumbing`);
    expect(await page.locator('[data-testid=provider-card]').count()).toBe(0);
    expect(await page.locator('[data-testid=where-error]').innerText()).toContain('zzzz');
    expect(await page.locator('[data-testid=place-suggestion]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=search-everywhere]').getAttribute('href')).toBe('/search?category=plumbing');
    await shot(page, 'site-work-phone', '12-search-unknown-place');
    await context.close();
  });

  it('no page overflows at 360, 390, 768 or 1280 px', async () => {
    const pages = [
      '/',
      '/search?category=plumbing&where=11215',
      '/search?where=zzzz',
      '/providers/sam-okafor',
      '/providers/sam-okafor/book',
      '/bookings',
      `/bookings/${bookingId}`,
      '/messages',
    ];
    for (const width of [360, 390, 768, 1280]) {
      const { context, page } = await newSitePage(browser, width < 768 ? 'phone' : 'desktop', { viewport: { width, height: 800 } });
      await signInOnSite(page, sandbox.webUrl, MAYA);
      for (const path of pages) {
        await page.goto(`${sandbox.webUrl}${path}`);
        await page.waitForLoadState('networkidle');
        expect(await overflow(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
      }
      if (width === 360) await shot(page, 'site-work-phone', '13-booking-360');
      await context.close();
    }
  });
});
