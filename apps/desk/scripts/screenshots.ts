/**
 * Screenshots of every desk screen at desktop (1280×800) and phone (390×844) size, in browser
 * mode against a running API with the demo data:
 *
 *   DESK_URL=http://127.0.0.1:5174 pnpm exec tsx apps/desk/scripts/screenshots.ts [out-dir]
 *
 * Signs in as the demo provider and only looks, unless ACCEPT=1: then it accepts the first
 * request, pays its invoice on the Stripe emulator and waits for the desk to show it confirmed.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const deskUrl = (process.env['DESK_URL'] ?? 'http://127.0.0.1:5174').replace(/\/$/, '');
const outDir = resolve(process.argv[2] ?? '/tmp/shots-desk');
const accept = process.env['ACCEPT'] === '1';
const colorScheme = process.env['DARK'] === '1' ? 'dark' : 'light';
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(300);
  if (colorScheme === 'dark') name = `${name}-dark`;
  await page.screenshot({ path: resolve(outDir, `${name}.png`), fullPage: true });
  console.log(`  ${name}.png`);
}

for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  console.log(label);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, timezoneId: 'America/New_York', colorScheme });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${deskUrl}/#/requests`);
  await page.locator('input[name=email]').waitFor();
  await shoot(page, `${label}-01-sign-in`);
  await page.fill('input[name=email]', process.env['DESK_EMAIL'] ?? 'sam@demo.handled.test');
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('[data-testid=sign-in-submit]');
  await page.locator('[data-testid=sign-in-error]').waitFor();
  await shoot(page, `${label}-02-sign-in-error`);
  await page.fill('input[name=password]', 'demo-pass-2026');
  await page.click('[data-testid=sign-in-submit]');
  await page.locator('[data-testid=request-card]').or(page.getByText('No requests waiting')).first().waitFor();
  await shoot(page, `${label}-03-requests`);

  const card = page.locator('[data-testid=request-card]').first();
  if (await card.count()) {
    await card.click();
    await page.locator('[data-testid=booking-status]').waitFor();
    await shoot(page, `${label}-04-booking-requested`);
    await page.click('[data-testid=decline]');
    await page.locator('[data-testid=decline-dialog]').waitFor();
    await page.locator('[data-testid=decline-dialog] .chip').first().click();
    await shoot(page, `${label}-05-decline-dialog`);
    await page.keyboard.press('Escape');
    if (accept && label === 'desktop') {
      await page.click('[data-testid=accept]');
      await page.locator('[data-testid=booking-status][data-status=accepted]').waitFor();
      await page.getByText('Invoice sent — waiting for payment').waitFor({ timeout: 30_000 });
      await shoot(page, `${label}-06-booking-accepted`);
      // Pay the emulated Stripe invoice with the test card; the desk turns Confirmed by itself.
      const [invoicePage] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'View invoice' }).click()]);
      const hostedUrl = invoicePage.url();
      await invoicePage.close();
      await fetch(`${hostedUrl}/pay`, {
        method: 'POST',
        body: new URLSearchParams({ number: '4242 4242 4242 4242', exp: '12 / 34', cvc: '123', postal_code: '11217' }),
      });
      await page.locator('[data-testid=booking-status][data-status=confirmed]').waitFor({ timeout: 30_000 });
      await shoot(page, `${label}-06b-booking-paid`);
    }
  }

  await page.goto(`${deskUrl}/#/upcoming`);
  await page.locator('[data-testid=upcoming-row]').or(page.getByText('Nothing booked yet')).first().waitFor();
  await shoot(page, `${label}-07-upcoming`);
  const row = page.locator('[data-testid=upcoming-row]').first();
  if (await row.count()) {
    await row.click();
    await page.locator('[data-testid=booking-status]').waitFor();
    await shoot(page, `${label}-08-booking-upcoming`);
  }

  await page.goto(`${deskUrl}/#/settings`);
  await page.locator('[data-testid=telegram-status]').waitFor();
  await shoot(page, `${label}-09-settings`);
  const make = page.locator('[data-testid=telegram-make-code]');
  if (await make.count()) {
    await make.click();
    await page.locator('[data-testid=telegram-code]').waitFor();
    await shoot(page, `${label}-10-settings-code`);
  }

  await page.goto(`${deskUrl}/#/bookings/does-not-exist`);
  await page.locator('text=We could not find that booking').waitFor();
  await shoot(page, `${label}-11-booking-not-found`);
  await context.close();
}

await browser.close();
console.log(`Screenshots in ${outDir}`);
