import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { users } from '@handled/db/schema';
import { shot, viewports } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';
import { signInOnSite } from './site-steps.ts';

/**
 * Issue 2's walking skeleton through the real UIs: Maya books Sam on the site, Sam accepts in the
 * desk app, Maya pays on the hosted invoice page, and the booking shows as confirmed on the site,
 * in the desk app and in the Telegram bot. Screenshots at phone and desktop widths.
 */
let sandbox: Sandbox;
let browser: Browser;
const SAM_CHAT = 610_001;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

async function newPage(kind: keyof typeof viewports): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: viewports[kind],
    deviceScaleFactor: 1,
    timezoneId: 'America/New_York',
    locale: 'en-US',
    ...(kind === 'phone' ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  return { context, page };
}

describe('one booking end to end across the site, the desk app and the bot', () => {
  it('Maya books Sam, Sam accepts in the desk app, Maya pays, everyone sees it confirmed', async () => {
    // Sam links his Telegram chat first, so the bot can show the booking later.
    const samApi = await sandbox.stack.clientAs('sam@demo.handled.test');
    const { code } = await samApi.account.telegramLinkCode.mutate();
    await sandbox.telegram(SAM_CHAT, '/send', { text: `/start ${code}` });
    await expect.poll(async () => (await samApi.account.telegramStatus.query()).linked, { timeout: 15_000 }).toBe(true);

    // 1. The client site, on a phone.
    const { context: mayaCtx, page: maya } = await newPage('phone');
    await maya.goto(sandbox.webUrl);
    await shot(maya, 'flow-phone', '01-home');
    await signInOnSite(maya, sandbox.webUrl, 'maya@demo.handled.test');
    await maya.goto(sandbox.webUrl);
    const plumbing = maya.locator('[data-testid=category-link][href*="plumbing"]').first();
    await plumbing.click();
    await maya.waitForSelector('[data-testid=provider-card]');
    await shot(maya, 'flow-phone', '02-search');
    const [sam] = await sandbox.stack.deps.db.select().from(users).where(eq(users.email, 'sam@demo.handled.test'));
    const samCard = maya.locator('[data-testid=provider-card]', { hasText: 'Sam Okafor' }).first();
    if (await samCard.count()) await samCard.click();
    else await maya.goto(`${sandbox.webUrl}/providers/${sam!.id}`);
    await maya.waitForSelector('[data-testid=slot]');
    await shot(maya, 'flow-phone', '03-profile');
    const slot = maya.locator('[data-testid=slot]').first();
    const startsAt = await slot.getAttribute('data-start');
    await slot.click();
    await Promise.all([maya.waitForURL(/\/book/), maya.click('[data-testid=request-booking]')]);
    await maya.fill('[name=details]', 'Kitchen tap drips constantly and the cabinet underneath is damp.');
    await maya.fill('[name=line1]', '350 W 42nd St');
    await maya.fill('[name=city]', 'New York');
    await maya.fill('[name=postalCode]', '10036');
    await maya.selectOption('select[name=country]', 'US');
    await maya.fill('[name=contactPhone]', '+1 212 555 0188');
    await shot(maya, 'flow-phone', '04-booking-form');
    await Promise.all([maya.waitForURL(/\/bookings\/[^/?]+/), maya.click('[data-testid=submit-booking]')]);
    await expect.poll(() => maya.locator('[data-testid=booking-status]').getAttribute('data-status')).toBe('requested');
    await shot(maya, 'flow-phone', '05-requested');
    const bookingId = new URL(maya.url()).pathname.split('/').pop()!;
    const booking = await samApi.bookings.get.query({ id: bookingId });
    expect(booking.startsAt).toBe(new Date(startsAt!).toISOString());

    // 2. The desk app (browser mode), on a desktop.
    const { context: deskCtx, page: desk } = await newPage('desktop');
    await desk.addInitScript((api) => localStorage.setItem('handled:api-url', api), sandbox.stack.apiUrl);
    await desk.goto(`${sandbox.deskUrl}/#/requests`);
    await desk.fill('input[name=email]', 'sam@demo.handled.test');
    await desk.fill('input[name=password]', 'demo-pass-2026');
    await desk.click('[data-testid=sign-in-submit]');
    const card = desk.locator(`[data-testid=request-card][data-booking-id="${bookingId}"]`);
    await card.waitFor({ timeout: 20_000 });
    await shot(desk, 'flow-desktop', '06-desk-requests');
    await card.click();
    await desk.locator('[data-testid=accept]').click();
    await expect
      .poll(() => desk.locator('[data-testid=booking-status]').first().getAttribute('data-status'), { timeout: 20_000 })
      .toBe('accepted');
    await shot(desk, 'flow-desktop', '07-desk-accepted');

    // 3. Maya pays the invoice on the hosted page.
    await expect
      .poll(
        async () => {
          await maya.reload();
          return maya.locator('[data-testid=pay-invoice]').count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    await shot(maya, 'flow-phone', '08-pay-invoice');
    const hostedUrl = await maya.locator('[data-testid=pay-invoice]').getAttribute('href');
    expect(hostedUrl).toContain(sandbox.stack.emulatorsUrl);
    await maya.goto(hostedUrl!);
    await maya.fill('input[name=number]', '4242 4242 4242 4242');
    await maya.fill('input[name=exp]', '12 / 34');
    await maya.fill('input[name=cvc]', '123');
    await maya.fill('input[name=postal_code]', '10036');
    await shot(maya, 'flow-phone', '09-hosted-invoice');
    await Promise.all([maya.waitForLoadState('load'), maya.locator('form button[type=submit]').first().click()]);
    await shot(maya, 'flow-phone', '10-paid-receipt');

    // 4. Confirmed everywhere: the site, the desk app, the bot.
    await expect
      .poll(
        async () => {
          await maya.goto(`${sandbox.webUrl}/bookings/${bookingId}`);
          return maya.locator('[data-testid=booking-status]').getAttribute('data-status');
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('confirmed');
    await shot(maya, 'flow-phone', '11-confirmed');
    await expect
      .poll(() => desk.locator('[data-testid=booking-status]').first().getAttribute('data-status'), { timeout: 30_000 })
      .toBe('confirmed');
    await shot(desk, 'flow-desktop', '12-desk-confirmed');

    await sandbox.telegram(SAM_CHAT, '/send', { text: '/bookings' });
    await expect
      .poll(
        async () =>
          ((await sandbox.telegram(SAM_CHAT, '/messages')).messages ?? [])
            .filter((m) => m.by === 'bot')
            .map((m) => m.text ?? '')
            .join('\n'),
        {
          timeout: 15_000,
        },
      )
      .toMatch(/confirmed/i);

    // Desktop views of the site for the same booking.
    const { context: desktopCtx, page: mayaDesktop } = await newPage('desktop');
    await signInOnSite(mayaDesktop, sandbox.webUrl, 'maya@demo.handled.test');
    for (const [name, path] of [
      ['01-home', '/'],
      ['02-search', '/search?category=plumbing'],
      ['03-profile', `/providers/${sam!.id}`],
      ['04-bookings', '/bookings'],
      ['05-booking', `/bookings/${bookingId}`],
    ] as const) {
      await mayaDesktop.goto(`${sandbox.webUrl}${path}`);
      await shot(mayaDesktop, 'site-desktop', name);
    }
    expect(sandbox.webErrors()).not.toMatch(/Error/);
    await Promise.all([mayaCtx.close(), deskCtx.close(), desktopCtx.close()]);
  });
});
