import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';

/**
 * Issue 4 in the desk app: Sam sets up Stripe payouts from the Payouts screen (the onboarding link
 * opens in a new window on the Stripe emulator; its return link lands on the desk), picks a
 * schedule, and sees earnings per job and per week.
 */
const SAM = 'sam@demo.handled.test';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

describe('desk payouts', () => {
  it('onboards with Stripe, chooses a schedule and shows earnings', async () => {
    const samApi = await sandbox.stack.clientAs(SAM);
    const { context, page } = await openDesk(browser, sandbox, { kind: 'desktop', email: SAM, route: '#/payouts' });
    const card = page.locator('[data-testid=connect-status]');
    await card.waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=earnings-chart]').waitFor();
    await shot(page, 'desk-payouts-desktop', '01-payouts');

    const before = await samApi.payouts.status.query();
    if (before.state !== 'ready') {
      const [stripe] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid=start-onboarding]')]);
      await stripe.waitForLoadState();
      expect(stripe.url()).toContain(`${sandbox.stack.emulatorsUrl}/_/stripe/connect/onboard/`);
      await shot(stripe, 'desk-payouts-desktop', '02-stripe-onboarding');
      // Stripe's return link opens the desk on the Payouts screen, which reads the account again.
      await Promise.all([stripe.waitForURL(/#\/payouts\?connect=return/), stripe.click('button[type=submit]')]);
      await expect.poll(() => stripe.locator('[data-testid=connect-status]').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
      await stripe.close();
      await page.click('[data-testid=refresh-status]');
    }
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    expect((await samApi.payouts.status.query()).state).toBe('ready');

    await page.locator('[data-testid=schedule-weekly]').check();
    await expect.poll(async () => (await samApi.payouts.status.query()).payoutSchedule).toBe('weekly');
    await shot(page, 'desk-payouts-desktop', '03-ready-weekly');

    // Two jobs done and confirmed by Maya: their payouts show per job and in the weekly chart.
    const maya = await sandbox.stack.clientAs('maya@demo.handled.test');
    for (let i = 0; i < 2; i++) {
      const b = await confirmedBookingFor(sandbox.stack, 'maya@demo.handled.test', SAM, 2);
      const start = Date.parse(b.startsAt);
      setClock(sandbox.stack, start - 20 * 60_000);
      await samApi.lifecycle.start.mutate({ id: b.id });
      setClock(sandbox.stack, start + 130 * 60_000);
      const items = (await samApi.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
      await samApi.lifecycle.complete.mutate({ id: b.id, checklist: items, notes: 'Done' });
      setClock(sandbox.stack, start + 4 * 3_600_000);
      await maya.lifecycle.confirmCompletion.mutate({ id: b.id });
      // The payout job runs on the server's (moved) clock; go back to real time once it has.
      await expect
        .poll(async () => (await samApi.payouts.list.query({ limit: 200 })).some((x) => x.bookingId === b.id), { timeout: 20_000 })
        .toBe(true);
      resetClock(sandbox.stack);
    }
    await page.reload();
    await page.locator('[data-testid=payout-row]').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=earnings-bar]').count()).toBeGreaterThan(0);
    await shot(page, 'desk-payouts-desktop', '04-earnings');

    // What the screen lists is what the API holds.
    const rows = await samApi.payouts.list.query({ limit: 200 });
    expect(await page.locator('[data-testid=payout-row]').count()).toBe(rows.length);
    await context.close();

    const { context: phone, page: p } = await openDesk(browser, sandbox, { kind: 'phone', email: SAM, route: '#/payouts' });
    await p.locator('[data-testid=earnings-chart]').waitFor({ timeout: 20_000 });
    await shot(p, 'desk-payouts-phone', '01-payouts');
    await phone.close();
  });
});
