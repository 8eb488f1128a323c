import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBookingFor, setProvider } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import { newSitePage, seriousA11yViolations, signIn } from './site-helpers.ts';
import { payInvoice, signInOnSite } from './site-steps.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';

/**
 * Issue 4 on the client site: Maya picks how to pay before Sam accepts (2 instalments), pays the
 * first on the hosted invoice page, and her booking page shows one payment paid and one due. The
 * plan can be chosen with JavaScript off, and a provider's deposit cannot be split. Issue 14: the
 * chooser is one line with "Change", after the job details; instalments only for a booking of $300
 * or more, a week or more ahead; payments fall due at 5 pm on her day.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

const rowStates = (page: Page) =>
  page.locator('[data-testid=payment-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));

async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('site: payment plans', () => {
  it('Maya splits the payment in 2, Sam accepts, she pays the first instalment on the hosted page and sees one paid and one due', async () => {
    // Instalments are offered from $300 and two weeks ahead, a week apart: 3 hours with Sam, a month out (room for 4).
    const weeksAhead = new Date(sandbox.stack.deps.now().getTime() + 30 * 86_400_000);
    const { id: bookingId } = await createBookingFor(sandbox.stack, MAYA, SAM, 3, 3, { startAfter: weeksAhead });
    const { context, page } = await newSitePage(browser, 'phone');
    await signInOnSite(page, sandbox.webUrl, MAYA);
    await page.goto(`${sandbox.webUrl}/bookings/${bookingId}`);

    // Before Sam answers: one line — in full, by when (a 5 pm on her day, her zone named) — and "Change".
    const plan = page.locator('[data-testid=payment-plan]');
    await plan.waitFor();
    const summary = async () => (await page.locator('[data-testid=plan-summary]').innerText()).replace(/\s+/g, ' ');
    expect(await summary()).toMatch(/^Pay in full · \$[\d,.]+ by .+ 5 PM E[SD]T$/);
    // After the job details, not above them.
    const detailsBox = await page.locator('#details-title').boundingBox();
    expect((await plan.boundingBox())!.y).toBeGreaterThan(detailsBox!.y);
    await page.click('[data-testid=plan-change]');
    expect(await page.locator('[data-testid^=plan-option-]').count()).toBe(4); // in full, 2, 3 or 4 instalments
    const two = page.locator('[data-testid=plan-option-instalments-2]');
    expect((await two.innerText()).replace(/\s+/g, ' ')).toMatch(/each, last by .+ 5 PM E[SD]T/);
    expect(await page.locator('[data-testid=plan-option-full] input').isChecked()).toBe(true);
    expect(await page.locator('[data-testid=messages-link]').getAttribute('href')).toBe(`/messages/${bookingId}`);
    await shot(page, 'site-payments-phone', '01-plan-choice');
    await expectAccessible(page);

    await two.click();
    await Promise.all([page.waitForURL(/\?plan=instalments-2/), page.click('[data-testid=save-plan]')]);
    await page.locator('[data-testid=plan-saved]').waitFor();
    expect(await summary()).toMatch(/^2 payments · from \$[\d,.]+, the last by .+ 5 PM E[SD]T$/);
    const maya = await sandbox.stack.clientAs(MAYA);
    expect((await maya.payments.planOptions.query({ id: bookingId })).current).toBe('instalments-2');

    // Sam accepts (as the provider, through the API); the invoice follows the plan.
    await (await sandbox.stack.clientAs(SAM)).bookings.accept.mutate({ id: bookingId });
    await payInvoice(page, sandbox.webUrl, bookingId);
    // The hosted page took the first instalment only: half is paid, the rest still due.
    expect(await page.content()).toMatch(/Amount paid/);

    const view = await maya.payments.forBooking.query({ id: bookingId });
    const [first, second] = view.instalments;
    await expect
      .poll(
        async () => {
          await page.goto(`${sandbox.webUrl}/bookings/${bookingId}`);
          return rowStates(page);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['paid', 'due']);
    expect(await page.locator('[data-testid=booking-status]').first().getAttribute('data-status')).toBe('confirmed');
    expect(await page.locator('[data-testid=payment-row-status]').allInnerTexts()).toEqual(['Paid', 'Due']);
    const money = (n: number) => `$${(n / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    expect(await page.locator('[data-testid=total-paid]').innerText()).toBe(money(first!.amount));
    expect(await page.locator('[data-testid=total-remaining]').innerText()).toBe(money(second!.amount));
    // Only the payment due next links to the hosted page, for its own amount.
    expect(await page.locator('[data-testid=payment-row-pay]').count()).toBe(1);
    expect(await page.locator('[data-testid=pay-invoice]').innerText()).toContain(money(second!.amount));
    expect(await page.locator('[data-testid=invoice-pdf]').count()).toBe(1);
    await shot(page, 'site-payments-phone', '02-one-paid-one-due');
    await expectAccessible(page);
    await context.close();

    const desktop = await newSitePage(browser, 'desktop');
    await signIn(desktop.page, sandbox.webUrl, MAYA);
    await desktop.page.goto(`${sandbox.webUrl}/bookings/${bookingId}`);
    expect(await rowStates(desktop.page)).toEqual(['paid', 'due']);
    await shot(desktop.page, 'site-payments-desktop', '02-one-paid-one-due');
    await desktop.context.close();
  });

  it('with JavaScript off the plan is chosen through the form; a deposit Sam asks for cannot be split and is explained', async () => {
    const weeksAhead = new Date(sandbox.stack.deps.now().getTime() + 30 * 86_400_000);
    const booking = await createBookingFor(sandbox.stack, MAYA, SAM, 3, 3, { startAfter: weeksAhead });
    const { context, page } = await newSitePage(browser, 'phone', { javaScriptEnabled: false });
    try {
      await signIn(page, sandbox.webUrl, MAYA);
      await page.goto(`${sandbox.webUrl}/bookings/${booking.id}`);
      await page.click('[data-testid=plan-change]');
      await page.locator('[data-testid=plan-option-instalments-3] input').check();
      await Promise.all([page.waitForURL(/\?plan=instalments-3/), page.click('[data-testid=save-plan]')]);
      expect(await page.locator('[data-testid=plan-saved]').count()).toBe(1);
      expect(await page.locator('[data-testid=plan-option-instalments-3] input').isChecked()).toBe(true);
      const maya = await sandbox.stack.clientAs(MAYA);
      expect((await maya.payments.planOptions.query({ id: booking.id })).current).toBe('instalments-3');

      // Sam now asks for a 30% deposit: the page Maya still has open offers instalments, the API refuses,
      // and she is told why in words, next to the plan.
      await setProvider(sandbox.stack, SAM, { depositBps: 3000 });
      if (!(await page.locator('[data-testid=plan-option-instalments-2]').isVisible())) await page.click('[data-testid=plan-change]');
      await page.locator('[data-testid=plan-option-instalments-2] input').check();
      await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=save-plan]')]);
      expect(await page.locator('[data-testid=plan-error]').innerText()).toMatch(/asks for a 30% deposit/);
      expect(await page.locator('[data-testid=deposit-required]').innerText()).toMatch(
        /Sam asks for a 30% deposit; everything is paid before the job/,
      );
      expect(await page.locator('[data-testid=save-plan]').count()).toBe(0);
      await shot(page, 'site-payments-phone', '03-nojs-deposit-required');
      const desktop = await newSitePage(browser, 'desktop');
      await signIn(desktop.page, sandbox.webUrl, MAYA);
      await desktop.page.goto(`${sandbox.webUrl}/bookings/${booking.id}`);
      await shot(desktop.page, 'site-payments-desktop', '03-deposit-required');
      await expectAccessible(desktop.page);
      await desktop.context.close();
    } finally {
      await setProvider(sandbox.stack, SAM, { depositBps: 10_000 });
      await context.close();
    }
  });
});
