import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '@handled/api/worker';
import { formatMoney, type Currency } from '@handled/core/money';
import { invoices, jobs, payments, payouts } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { createBookingFor, resetClock, setClock, bookingStatus, invoiceOf, payOnHostedPage, waitFor } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';
import { newSitePage, seriousA11yViolations } from './site-helpers.ts';
import { signInOnSite } from './site-steps.ts';

/**
 * Issue 4's admin screens on the site: Ana (admin) sees a card dispute Maya opened on a paid job
 * (with Sam's payout frozen), the monitoring figures, a job that failed during a Stripe outage
 * which she retries (a plain form post, no JavaScript), and a reconciliation with no differences.
 * Maya gets a 403; a signed-out visitor is sent to sign in. Screenshots: screenshots/admin-{phone,desktop}/.
 */
let sandbox: Sandbox;
let browser: Browser;
let bookingId: string;
let disputeId: string;
let disputeAmount: number;
let currency: Currency;
let failedJobId: string;
let outageBookingId: string;

const MIN = 60_000;

async function stripeControl(path: string, body?: unknown, method = 'POST') {
  const res = await fetch(`${sandbox.stack.emulatorsUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string; amount: number }>;
}

async function checkPage(page: Page, kind: string, name: string) {
  await shot(page, `admin-${kind}`, name);
  expect(await seriousA11yViolations(page), `${name} (${kind})`).toEqual([]);
}

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});
beforeAll(async () => {
  const { stack } = sandbox;
  const db = stack.deps.db;

  // A paid job: Maya books Sam, Sam accepts, Maya pays by card; the job is done and confirmed, so
  // Sam's payout exists (waiting: he has not finished Stripe onboarding).
  const b = await createBookingFor(stack, demoEmails.maya, demoEmails.sam, 2);
  bookingId = b.id;
  const sam = await stack.clientAs(demoEmails.sam);
  await sam.bookings.accept.mutate({ id: b.id });
  const invoice = await invoiceOf(stack, b.id);
  currency = invoice.currency;
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  const start = Date.parse(b.startsAt);
  try {
    setClock(stack, start - 20 * MIN);
    await sam.lifecycle.start.mutate({ id: b.id });
    setClock(stack, start + 130 * MIN);
    const items = (await sam.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
    await sam.lifecycle.complete.mutate({ id: b.id, checklist: items, notes: 'Done' });
    setClock(stack, start + 4 * 60 * MIN);
    await (await stack.clientAs(demoEmails.maya)).lifecycle.confirmCompletion.mutate({ id: b.id });
    await waitFor('payout', async () => (await db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]);
  } finally {
    resetClock(stack);
  }

  // Maya's bank opens a dispute on the charge (the emulator's control endpoint, as a bank would).
  const [payment] = await db.select().from(payments).where(eq(payments.bookingId, b.id));
  const dispute = await stripeControl(`/_/stripe/charges/${payment!.stripeChargeId}/dispute`, { reason: 'product_not_received' });
  disputeId = dispute.id;
  disputeAmount = dispute.amount;
  await waitFor('payout frozen', async () => (await db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]?.status === 'frozen');

  // Stripe is down while a payment job runs with no retries left: it dies with Stripe's error.
  outageBookingId = (await createBookingFor(stack, demoEmails.leo, demoEmails.priya, 2)).id;
  await stripeControl('/_/stripe/chaos', { failureRate: 1, failures: ['500'] });
  try {
    await enqueue(
      db,
      {
        type: 'invoice.create',
        payload: { bookingId: outageBookingId },
        key: `e2e-admin:invoice.create:${outageBookingId}`,
        maxAttempts: 1,
      },
      stack.deps.now(),
    );
    const dead = await waitFor(
      'dead job',
      async () =>
        (
          await db
            .select()
            .from(jobs)
            .where(eq(jobs.idempotencyKey, `e2e-admin:invoice.create:${outageBookingId}`))
        )[0],
      60_000,
    );
    await waitFor('job dead', async () => (await db.select().from(jobs).where(eq(jobs.id, dead.id)))[0]?.status === 'dead', 60_000);
    failedJobId = dead.id;
  } finally {
    await stripeControl('/_/stripe/chaos', undefined, 'DELETE');
  }
}, 180_000);

afterAll(async () => {
  if (sandbox?.webErrors()) console.error(sandbox.webErrors().slice(-3000));
});

describe('admin screens', () => {
  it('keeps others out: a client gets a 403 page, a signed-out visitor is asked to sign in', async () => {
    const { context, page } = await newSitePage(browser, 'desktop');
    const res = await page.goto(`${sandbox.webUrl}/admin/disputes`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/disputes');
    expect(res?.status()).toBe(200);

    await signInOnSite(page, sandbox.webUrl, demoEmails.maya, '/bookings');
    expect(await page.locator('[data-testid=nav-admin]').count()).toBe(0);
    for (const path of ['/admin', '/admin/disputes', '/admin/jobs', '/admin/reconcile']) {
      const r = await page.goto(`${sandbox.webUrl}${path}`);
      expect(r?.status(), path).toBe(403);
      expect(await page.locator('[data-testid=error-page] h1').innerText()).toBe('Admins only');
      expect(await page.locator('[data-testid=dispute-row]').count()).toBe(0);
    }
    await shot(page, 'admin-desktop', '00-forbidden-client');
    // The retry action refuses too (a hand-made form post).
    const post = await page.request.post(`${sandbox.webUrl}/admin/jobs?/retry`, {
      form: { jobId: failedJobId },
      headers: { origin: sandbox.webUrl, accept: 'text/html' },
    });
    expect(post.status()).toBe(403);
    expect((await sandbox.stack.deps.db.select().from(jobs).where(eq(jobs.id, failedJobId)))[0]?.status).toBe('dead');
    await context.close();
  });

  for (const kind of ['phone', 'desktop'] as const) {
    it(`shows Ana monitoring, the dispute, the dead job and a clean reconciliation (${kind})`, async () => {
      const { context, page } = await newSitePage(browser, kind);
      await signInOnSite(page, sandbox.webUrl, demoEmails.ana, '/admin');
      expect(await page.locator('[data-testid=nav-admin]').getAttribute('href')).toBe('/admin');

      // Overview: labelled figures read fresh from the server.
      const figure = async (id: string) => Number(await page.locator(`[data-testid=${id}]`).getAttribute('data-value'));
      expect(await figure('disputes-open')).toBeGreaterThanOrEqual(1);
      expect(await figure('webhooks-processed')).toBeGreaterThan(0);
      expect(await figure('webhooks-received')).toBeGreaterThanOrEqual(await figure('webhooks-processed'));
      expect(await figure('jobs-dead')).toBeGreaterThanOrEqual(1);
      expect(await figure('jobs-done')).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=payout-waiting][data-reason=card_dispute]').innerText()).toContain('Card dispute open');
      expect(await page.locator('[data-testid=webhooks-backlog]').innerText()).toMatch(/backlog/i);
      await checkPage(page, kind, '01-overview');

      // Disputes: booking, people, amount, reason, status, payout frozen, links.
      await page.click('[data-testid=admin-tab-disputes]');
      await page.waitForURL(/\/admin\/disputes$/);
      const row = page.locator(`[data-testid=disputes-open] [data-testid=dispute-row][data-dispute-id="${disputeId}"]`);
      await row.waitFor();
      expect(await row.locator('[data-testid=dispute-booking]').getAttribute('href')).toBe(`/bookings/${bookingId}`);
      expect(await row.locator('[data-testid=dispute-client]').innerText()).toContain('Maya');
      expect(await row.locator('[data-testid=dispute-provider]').innerText()).toContain('Sam');
      expect(await row.locator('[data-testid=dispute-amount]').innerText()).toBe(formatMoney({ amount: disputeAmount, currency }));
      expect(await row.locator('[data-testid=dispute-reason]').innerText()).toBe('Product not received');
      expect(await row.locator('[data-testid=dispute-status]').innerText()).toContain('Needs response');
      expect(await row.locator('[data-testid=dispute-payout]').getAttribute('data-frozen')).toBe('yes');
      // In the sandbox the Stripe link is the emulator's dashboard, which answers.
      const stripeHref = await row.locator('[data-testid=dispute-stripe]').getAttribute('href');
      expect(stripeHref).toBe(`${sandbox.stack.emulatorsUrl}/_/stripe`);
      expect((await fetch(stripeHref!)).status).toBe(200);
      expect(await row.locator('[data-testid=dispute-invoice]').getAttribute('href')).toContain(
        `${sandbox.stack.emulatorsUrl}/_/stripe/invoices/`,
      );
      await checkPage(page, kind, '02-disputes');
      // The booking link opens the booking for the admin.
      await Promise.all([page.waitForURL(new RegExp(`/bookings/${bookingId}$`)), row.locator('[data-testid=dispute-booking]').click()]);
      expect(page.url()).toContain(bookingId);

      // Jobs: the job that died in the outage, with Stripe's error.
      await page.goto(`${sandbox.webUrl}/admin/jobs`);
      const job = page.locator(`[data-testid=job-row][data-job-id="${failedJobId}"]`);
      await job.waitFor();
      expect(await job.getAttribute('data-status')).toBe('dead');
      expect(await job.innerText()).toContain('invoice.create');
      expect(await job.locator('[data-testid=job-attempts]').innerText()).toBe('1 of 1');
      expect((await job.locator('[data-testid=job-error]').innerText()).length).toBeGreaterThan(5);
      await checkPage(page, kind, '03-jobs');

      // Reconcile: no differences, and what was compared.
      await page.goto(`${sandbox.webUrl}/admin/reconcile`);
      await page.click('[data-testid=reconcile-run]');
      await page.locator('[data-testid=reconcile-result]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid=reconcile-verdict]').innerText()).toBe('No differences');
      expect(Number(await page.locator('[data-testid=reconcile-bookings]').innerText())).toBeGreaterThanOrEqual(1);
      const usd = page.locator(`[data-testid=reconcile-currency][data-currency="${currency}"]`);
      expect(await usd.locator('[data-testid=sum-disputes]').innerText()).toBe(formatMoney({ amount: disputeAmount, currency }));
      await checkPage(page, kind, '04-reconcile');
      await context.close();
    });
  }

  it('retries the dead job with a plain form post (no JavaScript); it runs again and creates the invoice', async () => {
    const { context, page } = await newSitePage(browser, 'desktop', { javaScriptEnabled: false });
    await signInOnSite(page, sandbox.webUrl, demoEmails.ana, '/admin');
    await page.goto(`${sandbox.webUrl}/admin/jobs`);
    const job = page.locator(`[data-testid=job-row][data-job-id="${failedJobId}"]`);
    await Promise.all([page.waitForURL(/\?\/retry$/), job.locator('[data-testid=job-retry]').click()]);
    expect(await page.locator('[data-testid=retry-result]').getAttribute('data-ok')).toBe('yes');
    await shot(page, 'admin-desktop', '05-job-retried');
    const db = sandbox.stack.deps.db;
    await waitFor('job done', async () => (await db.select().from(jobs).where(eq(jobs.id, failedJobId)))[0]?.status === 'done', 60_000);
    expect((await db.select().from(invoices).where(eq(invoices.bookingId, outageBookingId))).length).toBe(1);
    // Gone from the list; retrying it again is refused with a message, not an error page.
    await page.goto(`${sandbox.webUrl}/admin/jobs`);
    expect(await job.count()).toBe(0);
    const again = await page.request.post(`${sandbox.webUrl}/admin/jobs?/retry`, {
      form: { jobId: failedJobId },
      headers: { origin: sandbox.webUrl, accept: 'text/html' },
    });
    expect(again.status()).toBe(400);
    expect(await again.text()).toContain('No failed job with that id');
    await context.close();
  });
});
