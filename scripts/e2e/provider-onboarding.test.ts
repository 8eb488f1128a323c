import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  createBookingFor,
  invoiceOf,
  maya,
  payOnHostedPage,
  paidPayout,
  photoWithExif,
  resetClock,
  setClock,
} from '@handled/testing/fixtures';
import { resolve } from 'node:path';
import { shot, shotsDir } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { newSitePage, signIn } from './site-helpers.ts';

/**
 * Issue 15, a provider's way in, in the browser: a new person applies at /become-a-provider (a
 * refusal keeps what was typed), builds the listing in the desk's Profile (photo cropped, gallery
 * uploaded and reordered, services and rate, area, policies, payouts with Stripe's emulated
 * onboarding), sends it for review; an operator approves it in /admin; the provider appears in
 * search, accepts a request in the desk, and is paid out after the job.
 * Screenshots: screenshots/onboarding-{phone,desktop}/.
 */
const EMAIL = 'rosa.diaz@example.test';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

const done = (page: Page, step: string) => page.locator(`[data-testid=step-${step}]`).getAttribute('data-done');

describe('provider onboarding', () => {
  it('applies, completes the listing in the desk, is approved, appears in search, takes a request and is paid out', async () => {
    // 1. The application, on a phone: a missing password is said beside it and nothing typed is lost.
    const { context: applyCtx, page } = await newSitePage(browser, 'phone');
    await page.goto(`${sandbox.webUrl}/become-a-provider`);
    await page.locator('[data-testid=apply-form]').waitFor();
    await shot(page, 'onboarding-phone', '01-become-a-provider');
    await page.fill('input[name=name]', 'Rosa Díaz');
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=place]', '11215');
    await page.getByLabel('Cleaning').check();
    await page.click('[data-testid=apply-submit]');
    await page.locator('[data-testid=error-password]').waitFor();
    expect(await page.inputValue('input[name=name]')).toBe('Rosa Díaz');
    expect(await page.inputValue('input[name=place]')).toBe('11215');
    expect(await page.getByLabel('Cleaning').isChecked()).toBe(true);
    await shot(page, 'onboarding-phone', '02-application-refused');
    await page.fill('input[name=password]', 'demo-pass-2026');
    await page.getByLabel('Handyman').check();
    await Promise.all([page.waitForURL(/applied=1/), page.click('[data-testid=apply-submit]')]);
    await page.locator('[data-testid=application-status]').waitFor();
    expect(await page.locator('[data-testid=listing-headline]').innerText()).toMatch(/steps left before clients can book you/);
    await shot(page, 'onboarding-phone', '03-applied');
    await applyCtx.close();
    const { context: wide, page: visitor } = await newSitePage(browser, 'desktop');
    await visitor.goto(`${sandbox.webUrl}/become-a-provider`);
    await shot(visitor, 'onboarding-desktop', '01-become-a-provider');
    await wide.close();

    // 2. The desk's Profile: every step, from the checklist.
    const rosa = await sandbox.stack.clientAs(EMAIL);
    const { context, page: desk } = await openDesk(browser, sandbox, { kind: 'desktop', email: EMAIL, route: '#/profile' });
    await desk.locator('[data-testid=listing-checklist]').waitFor({ timeout: 20_000 });
    expect(await desk.locator('[data-testid=whats-left] li').count()).toBe(5);
    await shot(desk, 'onboarding-desktop', '02-desk-checklist');

    // The words first, then the photo: the photo finishing its upload must not wipe what was typed.
    const bio = 'Ten years of cleaning flats and houses across Brooklyn. I bring my own supplies and leave every room spotless.';
    await desk.fill('[data-testid=headline]', 'Deep cleans for busy homes');
    await desk.fill('[data-testid=bio]', bio);
    await desk.locator('[data-testid=languages]').getByText('Spanish').click();
    await desk.setInputFiles('[data-testid=photo-input]', {
      name: 'me.jpg',
      mimeType: 'image/jpeg',
      buffer: await photoWithExif(1200, 900),
    });
    await desk.locator('[data-testid=photo-cropper]').waitFor();
    await desk.fill('[data-testid=crop-zoom]', '1.4');
    // The dialog as the provider sees it (a viewport, not the whole page).
    await desk.screenshot({ path: resolve(shotsDir, 'onboarding-desktop', '03-desk-crop.png') });
    await desk.click('[data-testid=crop-use]');
    await expect
      .poll(async () => (await rosa.onboarding.listing.query()).profile.photoUrl, { timeout: 20_000 })
      .toMatch(/^\/files\/providers\//);
    await desk.locator('[data-testid=step-profile] img[src*="/files/providers/"]').waitFor({ timeout: 20_000 });
    expect(await desk.inputValue('[data-testid=headline]')).toBe('Deep cleans for busy homes');
    expect(await desk.inputValue('[data-testid=bio]')).toBe(bio);
    expect(await desk.locator('[data-testid=languages]').getByLabel('Spanish').isChecked()).toBe(true);
    await desk.click('[data-testid=save-profile]');
    await expect.poll(() => done(desk, 'profile'), { timeout: 15_000 }).toBe('true');

    await desk.setInputFiles('[data-testid=gallery-input]', [
      { name: 'kitchen.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif(1600, 1000, { r: 200, g: 180, b: 90 }) },
      { name: 'bath.jpg', mimeType: 'image/jpeg', buffer: await photoWithExif(1600, 1000, { r: 60, g: 130, b: 200 }) },
    ]);
    await expect.poll(() => desk.locator('[data-testid=gallery-photo]').count(), { timeout: 20_000 }).toBe(2);
    const first = (await rosa.onboarding.listing.query()).gallery.map((g) => g.id);
    await desk.locator('[data-testid=move-later]').first().click();
    await expect.poll(async () => (await rosa.onboarding.listing.query()).gallery.map((g) => g.id)).toEqual([...first].reverse());

    await desk.fill('[data-testid=hourly-rate]', '45');
    await desk.click('[data-testid=save-services]');
    await expect.poll(() => done(desk, 'services'), { timeout: 15_000 }).toBe('true');
    await desk.locator('[data-testid=area-radius]').evaluate((el) => {
      (el as HTMLInputElement).value = '12';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => desk.locator('[data-testid=area-summary]').innerText(), { timeout: 15_000 }).toMatch(/^Within 12 km of 11215/);
    await desk.click('[data-testid=save-area]');
    await expect.poll(async () => (await rosa.onboarding.listing.query()).area.radiusKm).toBe(12);
    await desk.locator('[data-testid=policy-moderate]').check();
    await desk.selectOption('[data-testid=tax-region]', 'US-NYC');
    await desk.click('[data-testid=save-policies]');
    await expect.poll(() => done(desk, 'policies'), { timeout: 15_000 }).toBe('true');
    await shot(desk, 'onboarding-desktop', '04-desk-steps');

    // Hours are the calendar's own step (its screen has its own tests); payouts through the desk and Stripe.
    const day = [{ start: '08:00', end: '18:00' }];
    await rosa.calendar.updateWeeklyHours.mutate({
      weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day },
    });
    await desk.goto(`${sandbox.deskUrl}/#/payouts`);
    const [stripe] = await Promise.all([context.waitForEvent('page'), desk.click('[data-testid=start-onboarding]')]);
    await stripe.waitForLoadState();
    await Promise.all([stripe.waitForURL(/#\/payouts\?connect=return/), stripe.click('button[type=submit]')]);
    await stripe.close();
    await expect.poll(async () => (await rosa.payouts.status.query()).state, { timeout: 20_000 }).toBe('ready');
    await desk.goto(`${sandbox.deskUrl}/#/profile`);
    await desk.reload();
    await expect.poll(() => desk.locator('[data-testid=submit-listing]').isEnabled(), { timeout: 20_000 }).toBe(true);
    await shot(desk, 'onboarding-desktop', '05-desk-ready');
    await desk.click('[data-testid=submit-listing]');
    await expect.poll(() => desk.locator('[data-testid=listing-checklist]').getAttribute('data-status')).toBe('submitted');
    await shot(desk, 'onboarding-desktop', '06-desk-submitted');
    const { context: phoneDesk, page: deskPhone } = await openDesk(browser, sandbox, { kind: 'phone', email: EMAIL, route: '#/profile' });
    await deskPhone.locator('[data-testid=listing-checklist]').waitFor({ timeout: 20_000 });
    await shot(deskPhone, 'onboarding-phone', '04-desk-profile');
    await phoneDesk.close();

    // 3. The operator approves it in /admin.
    for (const kind of ['phone', 'desktop'] as const) {
      const { context: adminCtx, page: admin } = await newSitePage(browser, kind);
      await signIn(admin, sandbox.webUrl, 'ana@demo.handled.test');
      await admin.goto(`${sandbox.webUrl}/admin/providers`);
      await admin.locator('[data-testid=queue-item]', { hasText: 'Rosa Díaz' }).click();
      await admin.locator('[data-testid=review-gallery]').waitFor();
      expect(await admin.locator('[data-testid=review-services]').innerText()).toMatch(/Cleaning[\s\S]*\$45\.00\/hr/);
      await shot(admin, `onboarding-${kind}`, '05-admin-review');
      if (kind === 'desktop') {
        await admin.click('[data-testid=approve]');
        await admin.locator('[data-testid=review-done]').waitFor();
        expect(await admin.locator('[data-testid=review-status]').innerText()).toBe('Approved');
        await shot(admin, 'onboarding-desktop', '06-admin-approved');
      }
      await adminCtx.close();
    }

    // 4. In search, for a client near her.
    const { context: searchCtx, page: search } = await newSitePage(browser, 'phone');
    await search.goto(`${sandbox.webUrl}/search?category=cleaning&where=11215&radius=10`);
    await search.locator('[data-testid=provider-card]', { hasText: 'Rosa Díaz' }).waitFor();
    await shot(search, 'onboarding-phone', '06-in-search');
    await searchCtx.close();

    // 5. A request: accepted in the desk, paid, done, paid out.
    // Two days ahead: a request for the next hour would expire before it is paid.
    const booking = await createBookingFor(sandbox.stack, maya, EMAIL, 2, 2, {
      startAfter: new Date(sandbox.stack.deps.now().getTime() + 2 * 86_400_000),
    });
    await desk.goto(`${sandbox.deskUrl}/#/bookings/${booking.id}`);
    await desk.locator('[data-testid=accept]').click();
    await expect.poll(async () => (await rosa.bookings.get.query({ id: booking.id })).status, { timeout: 20_000 }).toBe('accepted');
    const invoice = await invoiceOf(sandbox.stack, booking.id).catch(async (e: unknown) => {
      const jobs = await sandbox.stack.deps.db.$client.execute("select type, status, last_error from job where type like 'invoice%'");
      throw new Error(`${String(e)}: ${JSON.stringify(jobs.rows)}`);
    });
    expect(invoice.total).toBe(booking.price.total);
    expect((await payOnHostedPage(sandbox.stack, invoice.stripeInvoiceId!)).status).toBe(303);
    await expect.poll(async () => (await rosa.bookings.get.query({ id: booking.id })).status, { timeout: 30_000 }).toBe('confirmed');
    const start = Date.parse(booking.startsAt);
    try {
      setClock(sandbox.stack, start - 20 * 60_000);
      await rosa.lifecycle.start.mutate({ id: booking.id });
      setClock(sandbox.stack, start + 130 * 60_000);
      const items = (await rosa.lifecycle.job.query({ id: booking.id })).checklist.map((c) => c.item);
      await rosa.lifecycle.complete.mutate({ id: booking.id, checklist: items, notes: 'Kitchen and bathroom done.' });
      setClock(sandbox.stack, start + 4 * 3_600_000);
      await (await sandbox.stack.clientAs(maya)).lifecycle.confirmCompletion.mutate({ id: booking.id });
      const payout = await paidPayout(sandbox.stack, booking.id);
      expect(payout.amount).toBeGreaterThan(0);
    } finally {
      resetClock(sandbox.stack);
    }
    await desk.goto(`${sandbox.deskUrl}/#/payouts`);
    await desk.locator('[data-testid=payout-row]').first().waitFor({ timeout: 20_000 });
    await shot(desk, 'onboarding-desktop', '07-desk-paid-out');
    await context.close();
  });
});
