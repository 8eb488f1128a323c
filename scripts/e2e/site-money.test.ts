import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ledgerEntries, payouts, providerProfiles } from '@handled/db/schema';
import {
  acceptAndInvoice,
  bookingStatus,
  onboardProvider,
  payOnHostedPage,
  resetClock,
  setClock,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { newSitePage, signIn } from './site-helpers.ts';
import { openDesk, useSandbox } from './session.ts';

/**
 * Issue 14, money right wherever a person sees it: Maya cancels Sam's job late — the dialog says
 * what Sam receives, the cancelled page asks for nothing (also before the invoice is voided) and
 * says what happened to her money; Sam's Payouts adds up to the ledger, history included, with the
 * fee's line; after another job Maya sees the materials Sam bought and tips him.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

/** A receipt drawn by the browser's canvas, so the test needs no image library of its own. */
async function receiptPhoto(): Promise<Buffer> {
  const page = await browser.newPage();
  const b64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 600;
    canvas.height = 900;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#f7f4ec';
    ctx.fillRect(0, 0, 600, 900);
    ctx.fillStyle = '#222';
    ctx.font = '28px monospace';
    ['HARDWARE CO.', '', 'COMPRESSION FTG x2', '         18.40', '', 'TOTAL    18.40'].forEach((t, i) => ctx.fillText(t, 60, 120 + i * 48));
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  });
  await page.close();
  return Buffer.from(b64, 'base64');
}

const money = (n: number) => `$${(n / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const startOf = (b: { startsAt: string }) => Date.parse(b.startsAt);

/** Sam's booking paid in full on the hosted page: confirmed. */
async function paidBooking(hours = 1) {
  const { b, invoice } = await acceptAndInvoice(sandbox.stack, MAYA, SAM, hours);
  expect((await payOnHostedPage(sandbox.stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(sandbox.stack, b.id))?.status === 'confirmed');
  return b;
}

async function bookingPage(kind: 'phone' | 'desktop', bookingId: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await newSitePage(browser, kind);
  await signIn(page, sandbox.webUrl, MAYA);
  await page.goto(`${sandbox.webUrl}/bookings/${bookingId}`);
  return { page, close: () => context.close() };
}

describe('site and desk: money right', () => {
  it('a late cancellation: Sam’s share in the dialog, no Pay once cancelled, the fee on his Payouts, totals equal to the ledger', async () => {
    const stack = sandbox.stack;
    await onboardProvider(stack, SAM);
    const samId = await userId(stack, SAM);
    const b = await paidBooking(1);
    try {
      // Late: less than a day before the start (and after the booking was made, so the timeline reads in order).
      setClock(stack, Math.max(Date.now() + 60_000, startOf(b) - 10 * 3_600_000));
      const quote = await (await stack.clientAs(MAYA)).lifecycle.cancellationQuote.query({ id: b.id });
      if (!quote.allowed) throw new Error('cancelling is not allowed');
      const { page, close } = await bookingPage('phone', b.id);
      await page.click('[data-testid=cancel-toggle]');
      const share = page.locator('[data-testid=cancel-provider-share]');
      expect(await share.innerText()).toContain(`Sam receives ${money(quote.providerShare)} for the late cancellation`);
      expect(await page.locator('[data-testid=cancel-fee]').innerText()).toBe(money(quote.fee));
      await shot(page, 'site-money-phone', '01-cancel-dialog');
      await page.fill('input[name=reason]', 'Plans changed');
      await Promise.all([page.waitForURL(/\?cancelled=1/), page.click('[data-testid=confirm-cancel]')]);
      expect(await page.locator('[data-testid=booking-status]').first().getAttribute('data-status')).toBe('cancelled');
      expect(await page.locator('[data-testid=pay-invoice]').count()).toBe(0);
      expect(await page.locator('[data-testid=payment-row-pay]').count()).toBe(0);
      expect(await page.locator('[data-testid=settlement-fee]').innerText()).toBe(money(quote.fee));
      expect(await page.locator('[data-testid=settlement-refund]').innerText()).toBe(money(b.price.total - quote.fee));
      expect(await page.locator('[data-testid=status-body]').innerText()).toBe('“Plans changed”');
      expect(await page.locator('[data-testid=settlement-share]').innerText()).toBe(
        `Sam receives ${money(quote.providerShare)} of the fee.`,
      );
      // Whether or not the refund job has run yet, the page says what the cancellation gives back.
      expect(await page.locator('[data-testid=payment-status]').innerText()).toBe('Partly refunded');
      expect(await page.locator('[data-testid=total-refunded]').innerText()).toBe(money(b.price.total - quote.fee));
      await shot(page, 'site-money-phone', '02-cancelled-late');
      await close();
      const desktop = await bookingPage('desktop', b.id);
      await shot(desktop.page, 'site-money-desktop', '02-cancelled-late');
      await desktop.close();
    } finally {
      resetClock(stack);
    }

    // An accepted booking not paid yet, its invoice's void held up at Stripe: cancelled, it asks for nothing.
    const { b: unpaid, invoice } = await acceptAndInvoice(stack, MAYA, SAM, 1);
    const held = stack.emulators.emulators.faults.add({
      method: 'POST',
      path: `/v1/invoices/${invoice.stripeInvoiceId}/void`,
      status: 500,
      times: 1000,
    });
    try {
      const { page, close } = await bookingPage('phone', unpaid.id);
      expect(await page.locator('[data-testid=pay-invoice]').count()).toBe(1);
      await page.click('[data-testid=cancel-toggle]');
      expect(await page.locator('[data-testid=cancel-refund]').count()).toBe(0); // nothing was paid: no word of a refund
      await Promise.all([page.waitForURL(/\?cancelled=1/), page.click('[data-testid=confirm-cancel]')]);
      expect((await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!)).status).toBe('open');
      expect(await page.locator('[data-testid=pay-invoice]').count()).toBe(0);
      expect(await page.locator('[data-testid=payment-row-pay]').count()).toBe(0);
      expect(await page.locator('[data-testid=total-remaining]').count()).toBe(0);
      expect(await page.locator('[data-testid=status-body]').innerText()).toBe('Nothing was charged.');
      await shot(page, 'site-money-phone', '03-cancelled-unpaid');
      await close();
    } finally {
      stack.emulators.emulators.faults.clear();
      expect(held.hits).toBeGreaterThan(0);
    }

    // Sam's share went out once the refund was done.
    const feePayout = await waitFor(
      'fee paid out',
      async () => {
        const [p] = await stack.deps.db
          .select()
          .from(payouts)
          .where(and(eq(payouts.bookingId, b.id), eq(payouts.kind, 'earnings')));
        return p?.status === 'paid' ? p : null;
      },
      60_000,
    );
    expect(feePayout).toMatchObject({ reason: 'late_cancellation' });

    // Sam's Payouts: the totals are the ledger's, the demo's history included; the fee's row says what it is.
    const { context, page } = await openDesk(browser, sandbox, { kind: 'desktop', email: SAM, route: '#/payouts' });
    await page.locator('[data-testid=payout-row]').first().waitFor({ timeout: 20_000 });
    const entries = (await stack.deps.db.select().from(ledgerEntries)).filter((e) => e.currency === 'USD');
    const on = (account: string, kind?: string) =>
      entries.filter((e) => e.account === account && (!kind || e.kind === kind)).reduce((s, e) => s + e.amount, 0);
    const payable = `provider_payable:${samId}`;
    const transferred = on(payable, 'transfer');
    const takenBack = entries.filter((e) => e.account === `provider_owed:${samId}` && e.amount > 0).reduce((s, e) => s + e.amount, 0);
    const waiting = 0 - on(payable);
    const jobs = new Set(entries.filter((e) => e.account === payable && e.txId.startsWith('earn:')).map((e) => e.bookingId)).size;
    const [profile] = await stack.deps.db.select().from(providerProfiles).where(eq(providerProfiles.userId, samId));
    expect(jobs).toBeGreaterThan(0);
    expect(jobs).toBe(profile!.completedJobs);
    await expect.poll(() => page.locator('[data-testid=earned-paid]').innerText()).toBe(money(transferred - takenBack));
    expect(await page.locator('[data-testid=earned-jobs]').innerText()).toBe(String(jobs));
    const scheduled = Number((await page.locator('[data-testid=earned-scheduled]').innerText()).replace(/[$,]/g, ''));
    const held2 = Number((await page.locator('[data-testid=earned-held]').innerText()).replace(/[$,]/g, ''));
    expect(Math.round((scheduled + held2) * 100)).toBe(waiting);
    const feeRow = page.locator(`[data-testid=payout-row][data-reason=late_cancellation]`).first();
    expect(await feeRow.locator('[data-testid=payout-reason]').innerText()).toBe('Late-cancellation fee');
    expect(await feeRow.innerText()).toContain(money(feePayout.amount));
    await expect.poll(() => page.locator('[data-testid=earnings-bar]').count()).toBeGreaterThan(0);
    await shot(page, 'desk-money-desktop', '01-payouts');
    await context.close();
    const phone = await openDesk(browser, sandbox, { kind: 'phone', email: SAM, route: '#/payouts' });
    await phone.page.locator('[data-testid=payout-row]').first().waitFor({ timeout: 20_000 });
    await shot(phone.page, 'desk-money-phone', '01-payouts');
    await phone.context.close();
  });

  it('after the job: the materials Sam bought on the page and in the price, and a tip paid on its own page', async () => {
    const stack = sandbox.stack;
    const b = await paidBooking(2);
    const sam = await stack.clientAs(SAM);
    try {
      setClock(stack, startOf(b) - 10 * 60_000);
      await sam.lifecycle.start.mutate({ id: b.id });
      // Sam adds what he bought in the desk: the amount and a photo of the receipt.
      const desk = await openDesk(browser, sandbox, { kind: 'phone', email: SAM, route: `#/bookings/${b.id}` });
      const materials = desk.page.locator('[data-testid=materials]');
      await materials.waitFor({ timeout: 20_000 });
      await materials.locator('input').first().fill('Two compression fittings');
      await materials.locator('input[inputmode=decimal]').fill('18.40');
      await desk.page
        .locator('[data-testid=expense-receipt]')
        .setInputFiles({ name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: await receiptPhoto() });
      await desk.page.click('[data-testid=add-expense]');
      await desk.page.locator('[data-testid=desk-expense]').waitFor({ timeout: 20_000 });
      expect(await desk.page.locator('[data-testid=desk-expense]').innerText()).toContain('$18.40');
      await shot(desk.page, 'desk-money-phone', '02-materials');
      await desk.context.close();
      setClock(stack, startOf(b) + 2 * 3_600_000);
      const items = (await sam.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
      await sam.lifecycle.complete.mutate({ id: b.id, checklist: items, notes: 'Fittings replaced.' });
      // Maya pays the materials' invoice, then confirms.
      const extra = await waitFor('materials invoice', async () =>
        Object.values(stack.emulators.emulators.stripe.data.invoices).find(
          (i) => i.metadata['booking_id'] === b.id && i.metadata['intent']?.startsWith('reprice:') && i.status === 'open',
        ),
      );
      expect((await payOnHostedPage(stack, extra.id)).status).toBe(303);
      setClock(stack, startOf(b) + 3 * 3_600_000);
      await (await stack.clientAs(MAYA)).lifecycle.confirmCompletion.mutate({ id: b.id });
    } finally {
      resetClock(stack);
    }

    const { page, close } = await bookingPage('phone', b.id);
    const line = page.locator('[data-testid=expense-line]');
    await line.first().waitFor();
    expect(await line.innerText()).toContain('Two compression fittings');
    expect(await line.innerText()).toContain('$18.40');
    expect(await page.locator('[data-testid=price-expenses]').innerText()).toContain('$18.40');
    await shot(page, 'site-money-phone', '04-materials-and-tip');

    // The middle suggestion, straight to its own payment page, paid with the test card, and back.
    const choice = page.locator('[data-testid=tip-choice]').nth(1);
    const amountText = await choice.innerText();
    await choice.click();
    expect((await page.locator('[data-testid=send-tip]').innerText()).replace(/\s+/g, ' ')).toBe(`Tip Sam ${amountText.split(' ')[0]}`);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(stack.emulatorsUrl)), page.click('[data-testid=send-tip]')]);
    await page.fill('input[name=number]', '4242 4242 4242 4242');
    await page.fill('input[name=exp]', '12 / 34');
    await page.fill('input[name=cvc]', '123');
    await page.fill('input[name=postal_code]', '10036');
    await Promise.all([page.waitForLoadState('load'), page.locator('form button[type=submit]').first().click()]);
    await expect
      .poll(
        async () => {
          await page.goto(`${sandbox.webUrl}/bookings/${b.id}`);
          return page.locator('[data-testid=tip-paid]').count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    const tipped = await page.locator('[data-testid=tip-paid]').innerText();
    expect(tipped).toContain(`You tipped Sam ${amountText.split(' ')[0]}`);
    await shot(page, 'site-money-phone', '05-tipped');
    await close();
    const desktop = await bookingPage('desktop', b.id);
    await desktop.page.locator('[data-testid=tip-paid]').waitFor();
    await shot(desktop.page, 'site-money-desktop', '05-tipped');
    await desktop.close();

    // All of it to Sam, in a transfer of its own.
    const tipPayout = await waitFor('tip paid out', async () => {
      const [p] = await stack.deps.db
        .select()
        .from(payouts)
        .where(and(eq(payouts.bookingId, b.id), eq(payouts.kind, 'tip')));
      return p?.status === 'paid' ? p : null;
    });
    expect(money(tipPayout.amount)).toBe(amountText.split(' ')[0]);
  });
});
