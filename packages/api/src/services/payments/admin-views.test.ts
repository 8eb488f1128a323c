import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, payments, webhookEvents } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { createBookingFor, bookingStatus, invoiceOf, payOnHostedPage, waitFor } from '@handled/testing/fixtures';
import { stripeDashboardUrl } from './admin-views.ts';

/** The admin read models over a real stack: a paid booking, a card dispute, a dead job, a webhook backlog. */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let ana: Client;
let bookingId: string;
let disputeId: string;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  ana = await stack.clientAs(demoEmails.ana);
  const b = await createBookingFor(stack, demoEmails.maya, demoEmails.sam, 2);
  bookingId = b.id;
  await (await stack.clientAs(demoEmails.sam)).bookings.accept.mutate({ id: b.id });
  const invoice = await invoiceOf(stack, b.id);
  await payOnHostedPage(stack, invoice.stripeInvoiceId!);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  const [payment] = await stack.deps.db.select().from(payments).where(eq(payments.bookingId, b.id));
  const res = await fetch(`${stack.emulatorsUrl}/_/stripe/charges/${payment!.stripeChargeId}/dispute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'fraudulent' }),
  });
  disputeId = ((await res.json()) as { id: string }).id;
  await waitFor('dispute recorded', async () => (await ana.adminPayments.disputes.query()).find((d) => d.stripeDisputeId === disputeId));
}, 120_000);
afterAll(() => stack?.close());

describe('admin views', () => {
  it('lists a dispute with its booking, people, Stripe link and (no payout yet) payout', async () => {
    const d = (await ana.adminPayments.disputes.query()).find((x) => x.stripeDisputeId === disputeId)!;
    expect(d).toMatchObject({
      bookingId,
      open: true,
      status: 'needs_response',
      reason: 'fraudulent',
      client: { name: 'Maya Lopez' },
      provider: { name: 'Sam Okafor' },
      payout: null,
    });
    expect(d.booking?.id).toBe(bookingId);
    expect(d.stripeUrl).toBe(`${stack.emulatorsUrl}/_/stripe`);
    expect(d.invoiceUrl).toContain('/_/stripe/invoices/');
  });

  it('counts open disputes, webhooks by status with the backlog age, and the job queue', async () => {
    // An event stored but not yet processed, received two minutes ago: the backlog.
    await stack.deps.db.insert(webhookEvents).values({
      source: 'stripe',
      eventId: 'evt_admin_backlog',
      type: 'invoice.paid',
      payload: {},
      status: 'received',
      receivedAt: new Date(stack.deps.now().getTime() - 120_000),
    });
    const o = await ana.adminPayments.overview.query();
    expect(o.disputes.open).toBeGreaterThanOrEqual(1);
    expect(o.disputes.byCurrency[0]?.amount).toBeGreaterThan(0);
    expect(o.webhooks.totals.processed).toBeGreaterThan(0);
    expect(o.webhooks.totals.waiting).toBeGreaterThanOrEqual(1);
    expect(o.webhooks.oldestWaiting?.ageSeconds).toBeGreaterThanOrEqual(115);
    expect(o.jobs.done).toBeGreaterThan(0);
    await stack.deps.db.delete(webhookEvents).where(eq(webhookEvents.eventId, 'evt_admin_backlog'));
  });

  it('shows a dead job with its error; a retry runs it again; a second retry is refused', async () => {
    const key = 'admin-views-test:dead';
    // A type this version has no handler for (as a newer version might leave): `enqueue` would refuse it.
    await stack.deps.db
      .insert(jobs)
      .values({ type: 'no.such.job', payload: { bookingId }, idempotencyKey: key, maxAttempts: 1, runAt: stack.deps.now() });
    const dead = await waitFor(
      'dead',
      async () =>
        (await stack.deps.db.select().from(jobs).where(eq(jobs.idempotencyKey, key)))[0]?.status === 'dead' &&
        (await stack.deps.db.select().from(jobs).where(eq(jobs.idempotencyKey, key)))[0],
    );
    const listed = (await ana.adminPayments.jobs.query()).items.find((j) => j.id === dead.id);
    expect(listed).toMatchObject({
      type: 'no.such.job',
      status: 'dead',
      attempts: 1,
      maxAttempts: 1,
      nextRunAt: null,
      bookingId,
      retryable: true,
    });
    expect(listed?.lastError).toContain('No handler for job type no.such.job');
    expect((await ana.adminPayments.overview.query()).jobs.dead).toBeGreaterThanOrEqual(1);
    await ana.adminPayments.retryJob.mutate({ jobId: dead.id });
    // It ran again (attempts went back to 0, then up to 1) and died again: no handler still.
    const [after] = await waitFor('re-run', async () => {
      const rows = await stack.deps.db.select().from(jobs).where(eq(jobs.id, dead.id));
      return rows[0]?.status === 'dead' && rows[0].updatedAt > dead.updatedAt ? rows : null;
    });
    expect(after?.attempts).toBe(1);
    await stack.deps.db.delete(jobs).where(eq(jobs.id, dead.id));
    await expect(ana.adminPayments.retryJob.mutate({ jobId: dead.id })).rejects.toThrow('No failed job with that id');
  });

  it('reconciles with no differences and says what it compared per currency', async () => {
    const r = await ana.adminPayments.reconcile.mutate();
    expect(r.differences).toEqual([]);
    expect(r.bookings).toBeGreaterThanOrEqual(1);
    expect(r.transactions).toBeGreaterThan(0);
    const usd = r.compared.find((c) => c.currency === 'USD');
    const d = (await ana.adminPayments.disputes.query()).find((x) => x.stripeDisputeId === disputeId)!;
    expect(usd?.disputes).toBe(d.amount);
    expect(usd?.charges).toBeGreaterThanOrEqual(d.amount);
  });

  it('is for admins only', async () => {
    const maya = await stack.clientAs(demoEmails.maya);
    await expect(maya.adminPayments.overview.query()).rejects.toThrow(/administrators/);
    await expect(maya.adminPayments.jobs.query()).rejects.toThrow(/administrators/);
  });

  it('links to the real Stripe dashboard when not in the sandbox', () => {
    const real = { getApiField: (k: string) => ({ host: 'api.stripe.com', port: 443, protocol: 'https' })[k] } as unknown as Parameters<
      typeof stripeDashboardUrl
    >[0];
    expect(stripeDashboardUrl(real, { kind: 'disputes', id: 'du_123' })).toBe('https://dashboard.stripe.com/disputes/du_123');
  });
});
