import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@handled/db/schema';
import { resetClock, setClock } from '@handled/testing/fixtures';
import { payInvoice, requestFirstSlot, signInOnSite } from './site-steps.ts';
import { shot, viewports } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { isoSlotsOf } from '@handled/core/availability';

/**
 * Issue 5 in the desk app: on a paid (confirmed) booking Sam sees the cancellation fee before
 * cancelling, accepts Maya's new time, then on the day: on my way → start → before/after photos
 * (with upload progress) → checklist, hours and notes → complete.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});
afterAll(async () => {
  if (sandbox) resetClock(sandbox.stack);
});

function deskPage(kind: keyof typeof viewports, route: string): Promise<{ context: BrowserContext; page: Page }> {
  return openDesk(browser, sandbox, { kind, email: SAM, route });
}

/** A real JPEG made by the browser's canvas: noisy, so it is a few hundred kilobytes. */
async function jpeg(page: Page, seed: number): Promise<Buffer> {
  const b64 = await page.evaluate((s) => {
    const c = document.createElement('canvas');
    c.width = 1600;
    c.height = 1200;
    const ctx = c.getContext('2d')!;
    const img = ctx.createImageData(c.width, c.height);
    let x = s;
    for (let i = 0; i < img.data.length; i += 4) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      img.data[i] = x & 255;
      img.data[i + 1] = (x >> 8) & 255;
      img.data[i + 2] = (i / 4 / c.width) % 255;
      img.data[i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  }, seed);
  return Buffer.from(b64, 'base64');
}

const status = (page: Page) => page.locator('[data-testid=booking-status]').first().getAttribute('data-status');

describe('desk: doing the job', () => {
  it('request on the site → accept in the desk → paid → fee shown before cancelling, a client reschedule accepted, then on my way → start → photos → checklist → complete → the client confirms on the site → receipt', async () => {
    // The request on the site, accepted in the desk, paid on the hosted invoice page.
    const [sam] = await sandbox.stack.deps.db.select().from(users).where(eq(users.email, SAM));
    const client = await browser.newContext({
      viewport: viewports.phone,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    const mayaPage = await client.newPage();
    await signInOnSite(mayaPage, sandbox.webUrl, MAYA);
    const bookingId = await requestFirstSlot(mayaPage, sandbox.webUrl, sam!.id);
    const { context, page } = await deskPage('desktop', `#/bookings/${bookingId}`);
    await page.locator('[data-testid=accept]').click();
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('accepted');
    await payInvoice(mayaPage, sandbox.webUrl, bookingId);
    await client.close();
    const maya = await sandbox.stack.clientAs(MAYA);
    const booking = await maya.bookings.get.query({ id: bookingId });
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('confirmed');
    await page.locator('[data-testid=job-panel]').waitFor();
    await shot(page, 'desk-job-desktop', '01-confirmed');

    // Cancelling shows the policy's numbers first; keep the job.
    await page.click('[data-testid=cancel-job]');
    await page.locator('[data-testid=cancel-quote]').waitFor();
    const quote = await (await sandbox.stack.clientAs(SAM)).lifecycle.cancellationQuote.query({ id: booking.id });
    expect(quote.allowed).toBe(true);
    expect(await page.locator('[data-testid=cancel-quote]').getAttribute('data-fee')).toBe(String(quote.allowed ? quote.fee : ''));
    await shot(page, 'desk-job-desktop', '02-cancel-quote');
    await page.getByRole('button', { name: 'Keep the job' }).click();
    expect(await status(page)).toBe('confirmed');

    // Maya asks to move it to another of Sam's free slots; Sam accepts in the desk.
    const samApi = await sandbox.stack.clientAs(SAM);
    const free = await samApi.calendar.preview.query({ days: 14, hours: 2 });
    const later = isoSlotsOf(free).find((s) => Date.parse(s.start) > Date.parse(booking.startsAt) + 86_400_000);
    if (!later) throw new Error('no later slot for a reschedule');
    await maya.changes.propose.mutate({
      id: booking.id,
      startsAt: new Date(String(later.start)).toISOString(),
      note: 'Could we do a day later?',
    });
    await page.reload();
    const pending = page.locator('[data-testid=pending-change][data-proposed-by=client]');
    await pending.waitFor({ timeout: 20_000 });
    await shot(page, 'desk-job-desktop', '03-reschedule-asked');
    await page.click('[data-testid=change-accept]');
    await expect
      .poll(async () => (await samApi.bookings.get.query({ id: booking.id })).startsAt, { timeout: 15_000 })
      .toBe(new Date(String(later.start)).toISOString());
    await page.locator('[data-testid=propose-time]').waitFor();

    // The day of the job: half an hour before the (new) start.
    const moved = await samApi.bookings.get.query({ id: booking.id });
    setClock(sandbox.stack, Date.parse(moved.startsAt) - 30 * 60_000);
    await page.reload();
    await page.locator('[data-testid=on-my-way]').click();
    await page.locator('[data-testid=on-my-way-at]').waitFor();

    // A before photo, uploaded slowly enough to watch the percentage climb.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    const before = await jpeg(page, 7);
    expect(before.byteLength).toBeGreaterThan(300_000);
    await page.locator('[data-testid=photo-input-before]').setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: before });
    const percent = page.locator('[data-testid=upload-percent]');
    await percent.waitFor();
    await expect
      .poll(async () => Number((await percent.textContent().catch(() => '100%'))?.replace('%', '')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await shot(page, 'desk-job-desktop', '04-uploading');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.locator('[data-testid=photos-before] [data-testid=photo-thumb] img').waitFor({ timeout: 30_000 });
    // The thumbnail really shows (a private route fetched with the token, shown from a blob URL).
    await expect
      .poll(() =>
        page
          .locator('[data-testid=photos-before] [data-testid=photo-thumb] img')
          .evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth),
      )
      .toBeGreaterThan(0);

    // A file that is not a photo is refused with the server's reason, and nothing is added.
    await page
      .locator('[data-testid=photo-input-before]')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    await page.locator('[data-testid=upload-progress][data-error=true]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=photos-before] [data-testid=photo-thumb]').count()).toBe(1);

    await page.click('[data-testid=start-job]');
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('in_progress');
    await page
      .locator('[data-testid=photo-input-after]')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, 99) });
    await page.locator('[data-testid=photos-after] [data-testid=photo-thumb] img').waitFor({ timeout: 30_000 });

    // Complete is held back until every checklist item is ticked.
    const complete = page.locator('[data-testid=complete-job]');
    expect(await complete.isDisabled()).toBe(true);
    const items = page.locator('[data-testid=checklist-item]');
    const n = await items.count();
    expect(n).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < n; i++) await items.nth(i).check();
    await page.fill('#actual-hours', '2.5');
    await page.fill('#notes', 'Replaced the washer and the cartridge; no more drips.');
    await shot(page, 'desk-job-desktop', '05-checklist');
    expect(await complete.isDisabled()).toBe(false);
    await complete.click();
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('completed');
    await page.locator('[data-testid=completed-at]').waitFor();
    await shot(page, 'desk-job-desktop', '06-completed');

    const job = await samApi.lifecycle.job.query({ id: booking.id });
    expect(job.actualHours).toBe(2.5);
    expect(job.checklist.every((c) => c.done)).toBe(true);
    expect(job.completionNotes).toContain('cartridge');
    const photos = await samApi.attachments.list.query({ id: booking.id });
    expect(photos.map((p) => p.kind).sort()).toEqual(['after', 'before']);
    await context.close();

    // The phone layout of the finished job.
    const phone = await deskPage('phone', `#/bookings/${booking.id}`);
    await phone.page.locator('[data-testid=job-panel] [data-testid=photo-thumb] img').first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() =>
        phone.page
          .locator('[data-testid=photo-thumb] img')
          .last()
          .evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth),
      )
      .toBeGreaterThan(0);
    await shot(phone.page, 'desk-job-phone', '01-completed');
    await phone.context.close();

    // Maya confirms the job on the site; the final receipt is made, emailed and hers to download.
    const site = await browser.newContext({
      viewport: viewports.phone,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    const mp = await site.newPage();
    await signInOnSite(mp, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
    await mp.locator('[data-testid=confirm-completion]').waitFor();
    await shot(mp, 'desk-job-phone', '02-client-confirms');
    await Promise.all([mp.waitForLoadState('load'), mp.click('[data-testid=confirm-done]')]);
    await expect
      .poll(async () => (await maya.bookings.get.query({ id: booking.id })).allowedCommands.includes('confirm_completion'), {
        timeout: 15_000,
      })
      .toBe(false);
    await expect
      .poll(async () => (await maya.lifecycle.receipts.query({ id: booking.id })).map((r) => r.kind), { timeout: 30_000, interval: 500 })
      .toContain('final');
    await mp.reload();
    expect(await mp.locator('[data-testid=confirm-completion]').count()).toBe(0);
    await shot(mp, 'desk-job-phone', '03-client-receipt');
    const pdf = await mp.request.get(`${sandbox.webUrl}/receipts/${booking.id}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    await site.close();
  });
});
