import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Signs in on the client site through its form and waits to land on `next`. */
export async function signInOnSite(page: Page, webUrl: string, email: string, next = '/') {
  await page.goto(`${webUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'demo-pass-2026');
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.click('[data-testid=signin-submit]')]);
}

/** From a provider's profile: the first free slot, the request form, sent. Returns the booking id. */
export async function requestFirstSlot(page: Page, webUrl: string, providerId: string): Promise<string> {
  await page.goto(`${webUrl}/providers/${providerId}`);
  await page.locator('[data-testid=slot]').first().click();
  await Promise.all([page.waitForURL(/\/book/), page.click('[data-testid=request-booking]')]);
  await page.fill('[name=details]', 'Kitchen tap drips constantly; please bring washers.');
  await page.fill('[name=line1]', '350 W 42nd St');
  await page.fill('[name=city]', 'New York');
  await page.fill('[name=postalCode]', '10036');
  await page.selectOption('select[name=country]', 'US');
  await page.fill('[name=contactPhone]', '+1 212 555 0188');
  await Promise.all([page.waitForURL(/\/bookings\/[^/?]+/), page.click('[data-testid=submit-booking]')]);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** On the booking page: waits for the invoice, pays it on the hosted page with the test card. */
export async function payInvoice(page: Page, webUrl: string, bookingId: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`${webUrl}/bookings/${bookingId}`);
        return page.locator('[data-testid=pay-invoice]').count();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(1);
  const hostedUrl = await page.locator('[data-testid=pay-invoice]').getAttribute('href');
  await page.goto(hostedUrl!);
  await page.fill('input[name=number]', '4242 4242 4242 4242');
  await page.fill('input[name=exp]', '12 / 34');
  await page.fill('input[name=cvc]', '123');
  await page.fill('input[name=postal_code]', '10036');
  await Promise.all([page.waitForLoadState('load'), page.locator('form button[type=submit]').first().click()]);
}
