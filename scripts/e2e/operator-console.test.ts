import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, refunds, reviews, users } from '@handled/db/schema';
import { isoSlotsOf } from '@handled/core/availability';
import { demoEmails } from '@handled/db/seed';
import {
  acceptAndInvoice,
  bookingStatus,
  completedBookingFor,
  confirmedBookingFor,
  completeListing,
  createBookingFor,
  payOnHostedPage,
  resetClock,
  setClock,
  signUp,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';
import { newSitePage, seriousA11yViolations } from './site-helpers.ts';
import { signInOnSite } from './site-steps.ts';

/**
 * Issue 18, an operator's day in the console at /admin: Ana finds Maya's booking by her email,
 * refunds part of it with a reason (Stripe and the ledger agree), suspends Priya (gone from search,
 * her open request cancelled), approves Rosa's listing, hides a flagged review, acknowledges Leo's
 * emergency alert and raises the
 * plumbing fee (new bookings only); the audit log shows each. Sol, support, is refused a refund
 * above the limit and the settings. Screenshots: screenshots/operator-{desktop,tablet}/.
 */
let sandbox: Sandbox;
let browser: Browser;
let paidId: string;
let paidRef: string;
let openRequestId: string;
let flaggedReviewId: string;
let rosaId: string;
const SUPPORT = 'sol.support@handled.test';

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

beforeAll(async () => {
  const { stack } = sandbox;
  // Maya's paid, confirmed booking with Sam.
  const { b, invoice } = await acceptAndInvoice(stack, demoEmails.maya, demoEmails.sam);
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  paidId = b.id;
  paidRef = (await bookingStatus(stack, b.id))!.reference;
  // A review the automatic checks hold (a phone number and a link in it).
  const done = await completedBookingFor(stack, demoEmails.leo, demoEmails.sam);
  try {
    setClock(stack, new Date(done.endsAt).getTime() + 3 * 3_600_000);
    await (
      await stack.clientAs(demoEmails.leo)
    ).reviews.write.mutate({
      id: done.id,
      rating: 2,
      body: 'Call me on 212 555 0199 or see http://cheap-plumber.example for a better deal.',
    });
  } finally {
    resetClock(stack);
  }
  const [held] = await stack.deps.db.select().from(reviews).where(eq(reviews.bookingId, done.id));
  expect(held?.status).toBe('pending');
  flaggedReviewId = held!.id;
  // Rosa's listing, complete and sent for review.
  const rosa = await signUp(stack, { name: 'Rosa Díaz', email: 'rosa.diaz@example.test' });
  const cats = await stack.anonymous.catalog.categories.query();
  await rosa.api.onboarding.createListing.mutate({
    country: 'US',
    place: '11215',
    categoryIds: [cats.find((c) => c.slug === 'cleaning')!.id],
  });
  await completeListing(stack, rosa);
  await rosa.api.onboarding.submit.mutate();
  rosaId = rosa.userId;
  // Leo's job with Sam under way (Sam on his way) and an emergency Leo raises on it.
  const job = await confirmedBookingFor(stack, demoEmails.leo, demoEmails.sam);
  try {
    setClock(stack, new Date(job.startsAt).getTime() - 30 * 60_000);
    await (await stack.clientAs(demoEmails.sam)).lifecycle.onMyWay.mutate({ id: job.id });
    await (await stack.clientAs(demoEmails.leo)).emergency.raise.mutate({ bookingId: job.id, reason: 'A gas smell in the kitchen' });
  } finally {
    resetClock(stack);
  }
  // Leo's open request to Priya (handled when Priya is suspended), made after the clock moved back.
  openRequestId = (await createBookingFor(stack, demoEmails.leo, demoEmails.priya)).id;
  // Sol works in support.
  await signUp(stack, { name: 'Sol Ortega', email: SUPPORT });
  await stack.deps.db.update(users).set({ role: 'support' }).where(eq(users.email, SUPPORT));
}, 240_000);

afterAll(() => {
  if (sandbox?.webErrors()) console.error(sandbox.webErrors().slice(-3000));
});

async function look(page: Page, group: string, name: string) {
  // From the top: a full-page shot of a scrolled page paints the sticky header in the middle of it,
  // over whatever sits there (and the accessibility check then finds those controls covered).
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, group, name);
  expect(await seriousA11yViolations(page), name).toEqual([]);
}

async function submit(page: Page, testid: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click(`[data-testid=${testid}]`)]);
}

describe("an operator's day", () => {
  it('Ana finds, refunds, suspends, approves, moderates, changes a fee; the audit log shows each', async () => {
    const { stack, webUrl } = sandbox;
    const { context, page } = await newSitePage(browser, 'desktop');
    await signInOnSite(page, webUrl, demoEmails.ana, '/admin');
    // The console's own navigation, not the client's; the title says what the tab says.
    expect(await page.locator('[data-testid=nav-bookings]').count()).toBe(0);
    expect(await page.locator('h1').first().innerText()).toBe('Overview');
    expect(Number(await page.locator('[data-testid=queue-vet]').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-testid=queue-reviews]').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-testid=queue-alerts]').getAttribute('data-count'))).toBe(1);
    await look(page, 'operator-desktop', '01-overview');

    // 1. Find the booking by the client's email.
    await page.click('[data-testid=admin-tab-search]');
    await page.fill('[data-testid=search-q]', demoEmails.maya);
    await Promise.all([page.waitForURL(/\/admin\/search\?/), page.click('[data-testid=search-submit]')]);
    expect(await page.locator('[data-testid=result-person]').first().innerText()).toContain(demoEmails.maya);
    await look(page, 'operator-desktop', '02-search');
    await Promise.all([page.waitForURL(new RegExp(`/admin/bookings/${paidId}$`)), page.click(`text=${paidRef}`)]);
    expect(await page.locator('[data-testid=booking-client]').innerText()).toContain('America/New_York');

    // 2. Refund part with a reason: refused without one, then sent; Stripe and the ledger agree.
    await page.fill('[data-testid=refund-amount]', '15');
    await submit(page, 'refund-submit');
    expect(await page.locator('[data-testid=error-reason]').innerText()).toMatch(/Say why/);
    expect(await page.inputValue('[data-testid=refund-amount]')).toBe('15');
    await page.fill('[data-testid=refund-reason]', 'Arrived 40 minutes late');
    await submit(page, 'refund-submit');
    await page.locator('[data-testid=refund-message]').waitFor();
    const refund = await waitFor('refund', async () => {
      const rows = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, paidId));
      return rows.find((r) => r.status === 'succeeded' && r.amount === 1500);
    });
    expect((await stack.deps.stripe.refunds.retrieve(refund.stripeRefundId!)).amount).toBe(1500);
    const ana = await stack.clientAs(demoEmails.ana);
    expect((await ana.adminPayments.reconcile.mutate()).differences).toEqual([]);
    await page.reload();
    expect(await page.locator('[data-testid=booking-refund]').first().innerText()).toContain('Arrived 40 minutes late');
    expect(await page.locator('[data-testid=audit-row][data-action="booking.refund"]').count()).toBe(1);
    // Messages are read only with a reason, which is logged.
    await page.fill('[data-testid=messages-reason]', 'Client says the provider was late');
    await submit(page, 'messages-open');
    await page.locator('[data-testid=booking-messages]').waitFor();
    await look(page, 'operator-desktop', '03-booking');

    // 2b. Give Maya a goodwill credit: on her Stripe customer balance and in the ledger, reconciled.
    await page.fill('[data-testid=credit-amount]', '12.50');
    await page.fill('[data-testid=credit-reason]', 'Sorry for the late start');
    await submit(page, 'credit-submit');
    await page.locator('[data-testid=credit-message]').waitFor();
    const credit = await waitFor('the credit in the ledger', async () => {
      const rows = await stack.deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.bookingId, paidId));
      return rows.find((r) => r.txId.startsWith('credit:op:') && r.account.startsWith('client_credit:'));
    });
    expect(credit.amount).toBe(-1250);
    const customer = (await stack.deps.stripe.customers.list({ email: demoEmails.maya })).data[0]!;
    expect(customer.balance).toBe(-1250);
    expect((await ana.adminPayments.reconcile.mutate()).differences).toEqual([]);
    await page.reload();
    expect(await page.locator('[data-testid=booking-credit]').first().innerText()).toMatch(
      /\$12\.50 · on their balance · “Sorry for the late start”/,
    );

    // 2c. Move the booking to another free time of Sam's, typed in the job's zone and shown in both.
    const view = await ana.operator.booking.query({ bookingId: paidId });
    const sam = await stack.anonymous.catalog.provider.query({ id: 'sam-okafor' });
    const from = stack.deps.now();
    const free = isoSlotsOf(
      await stack.anonymous.catalog.slots.query({
        providerId: sam.id,
        from: from.toISOString(),
        to: new Date(from.getTime() + 14 * 86_400_000).toISOString(),
        hours: view.hours,
        viewerTimeZone: 'UTC',
      }),
    ).find((x) => Math.abs(new Date(x.start).getTime() - new Date(view.startsAt.at).getTime()) >= 86_400_000);
    if (!free) throw new Error('Sam has no free slot a day away from the booking');
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: view.jobZone, dateStyle: 'short', timeStyle: 'short' })
      .format(new Date(free.start))
      .replace(' ', 'T');
    await page.fill('[data-testid=move-start]', wall);
    expect(await page.locator('[data-testid=move-preview]').innerText()).toMatch(/Client: .+\nProvider: .+/);
    await submit(page, 'move-submit');
    expect(await page.locator('[data-testid=error-reason]').innerText()).toMatch(/Say why/);
    await page.fill('[data-testid=move-reason]', 'Maya asked by phone; Sam agreed');
    await submit(page, 'move-submit');
    await page.locator('[data-testid=move-message]').waitFor();
    expect(await page.locator('[data-testid=move-message]').innerText()).toMatch(/^Moved to .+ for the client, .+ for the provider/);
    expect((await bookingStatus(stack, paidId))!.startsAt.toISOString()).toBe(new Date(free.start).toISOString());
    expect(await page.locator('[data-testid=audit-row][data-action="booking.move"]').count()).toBe(1);
    expect(await page.locator('[data-testid=audit-row][data-action="booking.credit"]').count()).toBe(1);
    await look(page, 'operator-desktop', '03b-booking-credit-moved');

    // 3. Suspend Priya, cancelling her open request: gone from search, the request cancelled.
    const priyaId = await userId(stack, demoEmails.priya);
    await page.goto(`${webUrl}/admin/people/${priyaId}`);
    await page.check('[data-testid=suspend-cancel-open]');
    await page.fill('[data-testid=suspend-reason]', 'Repeated no-shows reported by clients');
    await submit(page, 'suspend');
    await page.locator('[data-testid=person-suspended]').waitFor();
    expect(await page.locator('[data-testid=listing-status]').innerText()).toContain('not in search');
    expect((await bookingStatus(stack, openRequestId))?.status).toBe('cancelled');
    expect(JSON.stringify(await stack.anonymous.discovery.search.query({}))).not.toContain(priyaId);
    await expect(stack.signIn(demoEmails.priya)).rejects.toThrow(/suspended/i);
    await look(page, 'operator-desktop', '04-person-suspended');

    // 4. Approve Rosa's listing from the vetting queue.
    await page.click('[data-testid=admin-tab-providers]');
    await Promise.all([page.waitForURL(new RegExp(`/admin/providers/${rosaId}$`)), page.click(`a[href="/admin/providers/${rosaId}"]`)]);
    await submit(page, 'approve');
    await page.waitForFunction(() => !document.querySelector('[data-testid=approve]'));

    // 5. Hide the flagged review.
    await page.click('[data-testid=admin-tab-reviews]');
    const item = page.locator('[data-testid=review-item]').filter({ hasText: 'cheap-plumber' });
    await item.locator('[data-testid=moderate-reason]').fill('Contact details and an advert');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), item.locator('[data-testid=moderate-hide]').click()]);
    await waitFor(
      'hidden',
      async () => (await stack.deps.db.select().from(reviews).where(eq(reviews.id, flaggedReviewId)))[0]?.status === 'hidden',
    );
    await look(page, 'operator-desktop', '05-reviews');

    // 6. Acknowledge the emergency alert.
    await Promise.all([page.waitForURL(/\/admin\/alerts$/), page.click('[data-testid=admin-tab-alerts]')]);
    const alert = page.locator('[data-testid=alert]').filter({ hasText: 'A gas smell in the kitchen' });
    expect(await alert.getAttribute('data-status')).toBe('open');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      alert.locator('[data-testid=alert-acknowledge]').click(),
    ]);
    await page.locator('[data-testid=alert][data-status=acknowledged]').filter({ hasText: 'A gas smell' }).waitFor();
    await look(page, 'operator-desktop', '05b-alerts');

    // 7. Raise the plumbing client fee: new bookings only.
    const before = await createBookingFor(stack, demoEmails.maya, demoEmails.sam);
    const oldBps = (await bookingStatus(stack, before.id))!.price.fees.clientFeeBps;
    await page.click('[data-testid=admin-tab-settings]');
    await page.selectOption('[data-testid=fee-category]', 'plumbing');
    await page.fill('[data-testid=fee-client]', '12');
    await page.fill('[data-testid=fee-reason]', 'Winter demand for plumbers');
    await submit(page, 'fee-save');
    await page.locator('[data-testid=fee-message]').waitFor();
    expect(await page.locator('[data-testid=fee-plumbing-client]').innerText()).toBe('12 %');
    await look(page, 'operator-desktop', '06-settings');
    const after = await createBookingFor(stack, demoEmails.maya, demoEmails.sam);
    expect((await bookingStatus(stack, after.id))!.price.fees.clientFeeBps).toBe(1200);
    expect((await bookingStatus(stack, before.id))!.price.fees.clientFeeBps).toBe(oldBps);

    // The audit log shows each, with who and why.
    await Promise.all([page.waitForURL(/\/admin\/audit$/), page.click('[data-testid=admin-tab-audit]')]);
    await page.locator('[data-testid=audit-row]').first().waitFor();
    const actions = await page.locator('[data-testid=audit-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const a of [
      'booking.refund',
      'booking.credit',
      'booking.move',
      'booking.messages_read',
      'user.suspend',
      'listing.approved',
      'review.hide',
      'emergency.acknowledge',
      'setting.update',
    ])
      expect(actions, a).toContain(a);
    expect(await page.locator('[data-testid=audit-row][data-action="user.suspend"]').innerText()).toContain('Repeated no-shows');
    await look(page, 'operator-desktop', '07-audit');
    await context.close();
  }, 240_000);

  it('works at tablet width', async () => {
    const { webUrl } = sandbox;
    const { context, page } = await newSitePage(browser, 'tablet');
    await signInOnSite(page, webUrl, demoEmails.ana, '/admin');
    await look(page, 'operator-tablet', '01-overview');
    await page.goto(`${webUrl}/admin/bookings/${paidId}`);
    await look(page, 'operator-tablet', '02-booking');
    await page.goto(`${webUrl}/admin/people/${await userId(sandbox.stack, demoEmails.priya)}`);
    await look(page, 'operator-tablet', '03-person');
    await page.goto(`${webUrl}/admin/audit`);
    await look(page, 'operator-tablet', '04-audit');
    // Nothing runs past the page or under the column beside it.
    for (const path of [
      '/admin',
      `/admin/bookings/${paidId}`,
      `/admin/people/${await userId(sandbox.stack, demoEmails.priya)}`,
      '/admin/audit',
    ]) {
      await page.goto(`${webUrl}${path}`);
      const overflow = await page.evaluate(() => {
        const cards = [...document.querySelectorAll('.card')].map((c) => c.getBoundingClientRect());
        const overlap = cards.some((a, i) =>
          cards.some((b, j) => i < j && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1),
        );
        return { sideways: document.documentElement.scrollWidth - window.innerWidth, overlap };
      });
      expect(overflow, path).toEqual({ sideways: 0, overlap: false });
    }
    await context.close();
  }, 120_000);

  it('support is refused the refund above its limit and the settings', async () => {
    const { webUrl } = sandbox;
    const { context, page } = await newSitePage(browser, 'desktop');
    await signInOnSite(page, webUrl, SUPPORT, '/admin');
    expect(await page.locator('[data-testid=admin-tab-settings]').count()).toBe(0);
    await page.goto(`${webUrl}/admin/bookings/${paidId}`);
    // Support is told its limit where it acts.
    expect(await page.locator('[data-testid=support-limit]').innerText()).toBe(
      'Support can refund up to $100.00; larger refunds need an admin.',
    );
    expect(await page.locator('[data-testid=support-credit-limit]').innerText()).toContain('Support can credit up to $100.00');
    await page.fill('[data-testid=credit-amount]', '150');
    await page.fill('[data-testid=credit-reason]', 'Goodwill for the delay');
    await submit(page, 'credit-submit');
    expect(await page.locator('[data-testid=error-amount]').innerText()).toMatch(/Support can credit up to \$100\.00/);
    await page.fill('[data-testid=refund-amount]', '150');
    await page.fill('[data-testid=refund-reason]', 'Goodwill for the delay');
    await submit(page, 'refund-submit');
    // The refund form's own answer (the credit form's error may still be on the page until it renders).
    await expect
      .poll(() => page.locator('[data-testid=error-amount]').allInnerTexts())
      .toContainEqual(expect.stringMatching(/Support can refund up to/));
    const rows = await sandbox.stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, paidId));
    expect(rows.map((r) => r.amount)).toEqual([1500]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'operator-desktop', '08-support-refused');
    const res = await page.goto(`${webUrl}/admin/settings`);
    expect(res?.status()).toBe(403);
    await context.close();
  }, 120_000);
});
