import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobs, ledgerEntries, payouts, tips, webhookEvents } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { reconcile } from '@handled/api/payments';
import {
  acceptAndInvoice,
  bookingRow,
  bookingStatus,
  codeOf,
  HOUR,
  ledgerSum,
  maya,
  MIN,
  leo,
  onboardProvider,
  payOnHostedPage,
  resetClock,
  sam,
  setClock,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';

/*
 * After the job: materials the provider bought (each with a photo of its receipt) go to the final
 * invoice at cost and to the provider in full; a tip goes to the provider in full, by its own
 * invoice and transfer — both in the ledger and reconciled with Stripe.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await onboardProvider(stack, sam);
}, 60_000);
afterAll(() => stack?.close());
afterEach(() => resetClock(stack));

const stripe = () => stack.emulators.emulators.stripe;
const startOf = (b: { startsAt: string }) => new Date(b.startsAt).getTime();

async function receiptPhoto(bookingId: string, who = sam) {
  const bytes = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#f4f1e8' } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'receipt.jpg');
  const res = await fetch(`${stack.apiUrl}/uploads/bookings/${bookingId}?kind=receipt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${(await stack.signIn(who)).token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { id: string; kind: string } };
}

/** Paid on the hosted page, started by Sam: the job is under way. */
async function jobUnderWay(client: string) {
  const { b, invoice } = await acceptAndInvoice(stack, client, sam, 2);
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  setClock(stack, startOf(b) - 10 * MIN);
  await (await stack.clientAs(sam)).lifecycle.start.mutate({ id: b.id });
  return b;
}

async function settled() {
  await stripe().idle();
  await waitFor(
    'events processed',
    async () => (await stack.deps.db.select().from(webhookEvents)).every((e) => e.status === 'processed' || e.status === 'ignored'),
    60_000,
  );
}

describe('materials added at completion', () => {
  it('a receipt photo, then the expense: on the final invoice at cost, shown to the client, paid to the provider in full', async () => {
    const b = await jobUnderWay(maya);
    const provider = await stack.clientAs(sam);
    // Only a receipt this provider uploaded for this job, only while it is under way.
    expect(
      await codeOf(provider.lifecycle.addExpense.mutate({ id: b.id, description: 'Copper fittings', amount: 1840, receiptId: b.id })),
    ).toBe('BAD_REQUEST');
    const photo = await receiptPhoto(b.id);
    expect(photo.status).toBe(201);
    expect(photo.body.kind).toBe('receipt');
    expect((await receiptPhoto(b.id, maya)).status).toBe(403);
    const added = await provider.lifecycle.addExpense.mutate({
      id: b.id,
      description: 'Copper fittings',
      amount: 1840,
      receiptId: photo.body.id,
    });
    expect(added).toMatchObject({ description: 'Copper fittings', amount: 1840, receiptUrl: `/attachments/${photo.body.id}` });
    expect(
      await codeOf(provider.lifecycle.addExpense.mutate({ id: b.id, description: 'Again', amount: 100, receiptId: photo.body.id })),
    ).toBe('BAD_REQUEST');
    expect(
      await codeOf(
        (await stack.clientAs(maya)).lifecycle.addExpense.mutate({ id: b.id, description: 'x', amount: 1, receiptId: photo.body.id }),
      ),
    ).toBe('FORBIDDEN');

    setClock(stack, startOf(b) + 2 * HOUR);
    const items = (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
    await provider.lifecycle.complete.mutate({ id: b.id, checklist: items, notes: 'New fittings under the sink.' });
    // The final price carries the materials: in the total and, in full, in the provider's earnings.
    const row = await bookingRow(stack, b.id);
    expect(row.price.expenses).toBe(1840);
    expect(row.total).toBe(b.price.total + 1840);
    expect(row.price.providerEarnings).toBe(b.price.providerEarnings + 1840);
    // Too late to add more once the job is complete.
    expect(
      await codeOf(provider.lifecycle.addExpense.mutate({ id: b.id, description: 'Late', amount: 100, receiptId: photo.body.id })),
    ).toBe('CONFLICT');

    // The client sees the line with its receipt, and an invoice for it.
    const client = await stack.clientAs(maya);
    const job = await client.lifecycle.job.query({ id: b.id });
    expect(job.expenses).toEqual([expect.objectContaining({ description: 'Copper fittings', amount: 1840 })]);
    expect(
      (
        await fetch(`${stack.apiUrl}${job.expenses[0]!.receiptUrl}`, {
          headers: { authorization: `Bearer ${(await stack.signIn(maya)).token}` },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${stack.apiUrl}${job.expenses[0]!.receiptUrl}`, {
          headers: { authorization: `Bearer ${(await stack.signIn(leo)).token}` },
        })
      ).status,
    ).toBe(404);
    const extra = await waitFor('materials invoice', async () => {
      const list = stripe().data.invoices;
      return (
        Object.values(list).find(
          (i) => i.metadata['booking_id'] === b.id && i.metadata['intent']?.startsWith('reprice:') && i.status === 'open',
        ) ?? null
      );
    });
    const lines = Object.values(stripe().data.invoiceitems).filter((l) => l.invoice === extra.id);
    expect(lines.map((l) => [l.description, l.amount])).toEqual([['Materials: Copper fittings (receipt on your booking)', 1840]]);
    expect((await payOnHostedPage(stack, extra.id)).status).toBe(303);
    await waitFor('paid', async () => (await bookingRow(stack, b.id)).paymentStatus === 'paid');

    setClock(stack, startOf(b) + 3 * HOUR);
    await client.lifecycle.confirmCompletion.mutate({ id: b.id });
    const payout = await waitFor('paid out', async () => {
      const [p] = await stack.deps.db
        .select()
        .from(payouts)
        .where(and(eq(payouts.bookingId, b.id), eq(payouts.kind, 'earnings')));
      return p?.status === 'paid' ? p : null;
    });
    expect(payout.amount).toBe(b.price.providerEarnings + 1840);
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
  }, 120_000);
});

describe('tips after the job', () => {
  it('the client tips: its own invoice, all of it transferred to the provider, once; the final receipt email offers it', async () => {
    const b = await jobUnderWay(leo);
    const provider = await stack.clientAs(sam);
    const client = await stack.clientAs(leo);
    expect(await codeOf(client.payments.tip.mutate({ id: b.id, amount: 2000 }))).toBe('CONFLICT');
    setClock(stack, startOf(b) + 2 * HOUR);
    const items = (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
    await provider.lifecycle.complete.mutate({ id: b.id, checklist: items });
    setClock(stack, startOf(b) + 3 * HOUR);
    await client.lifecycle.confirmCompletion.mutate({ id: b.id });
    const receiptEmail = await waitFor('final receipt email', async () =>
      stack.emulators.emulators.resend.emails.find((e) => e.subject === `Your receipt for booking ${b.reference}`),
    );
    expect(receiptEmail.text).toContain(`/bookings/${b.id}#tip`);

    expect(await codeOf(client.payments.tip.mutate({ id: b.id, amount: 10 }))).toBe('BAD_REQUEST');
    expect(await codeOf(provider.payments.tip.mutate({ id: b.id, amount: 2000 }))).toBe('FORBIDDEN');
    const first = await client.payments.tip.mutate({ id: b.id, amount: 1500 });
    const changed = await client.payments.tip.mutate({ id: b.id, amount: 2000 });
    expect(changed?.payUrl).toBeTruthy();
    expect(changed?.payUrl).not.toBe(first?.payUrl);
    expect((await client.payments.tip.mutate({ id: b.id, amount: 2000 }))?.payUrl).toBe(changed?.payUrl);
    const [tip] = await stack.deps.db.select().from(tips).where(eq(tips.bookingId, b.id));
    expect(stripe().data.invoices[tip!.stripeInvoiceId!]?.total).toBe(2000);
    expect((await payOnHostedPage(stack, tip!.stripeInvoiceId!)).status).toBe(303);

    const payout = await waitFor('tip paid out', async () => {
      const [p] = await stack.deps.db
        .select()
        .from(payouts)
        .where(and(eq(payouts.bookingId, b.id), eq(payouts.kind, 'tip')));
      return p?.status === 'paid' ? p : null;
    });
    expect(payout).toMatchObject({ amount: 2000, reason: 'tip' });
    const transfers = Object.values(stripe().data.transfers).filter((t) => t.transfer_group === b.id);
    expect(transfers.map((t) => t.amount).sort((x, y) => x - y)).toEqual([2000, b.price.providerEarnings].sort((x, y) => x - y));
    // The booking's own payment is untouched by it; the timeline says so; the provider is told.
    expect((await bookingRow(stack, b.id)).paymentStatus).toBe('paid');
    expect((await client.payments.forBooking.query({ id: b.id })).tip).toMatchObject({ amount: 2000, status: 'paid' });
    expect((await client.bookings.get.query({ id: b.id })).timeline.filter((e) => e.type === 'booking.tip_received')).toHaveLength(1);
    await waitFor('provider told', async () =>
      stack.emulators.emulators.resend.emails.find((e) => e.to.includes(sam) && e.subject === 'Leo tipped you $20.00'),
    );
    expect(await codeOf(client.payments.tip.mutate({ id: b.id, amount: 500 }))).toBe('CONFLICT');
    // Delivered again: still one tip, one transfer.
    await settled();
    for (const d of stripe().deliveries.filter((x) => x.type.startsWith('invoice'))) stripe().redeliver(d.eventId);
    await settled();
    const jobsRun = (await stack.deps.db.select().from(jobs)).filter((j) => j.type === 'payout.transfer' && j.payload['kind'] === 'tip');
    expect(jobsRun.length).toBeGreaterThanOrEqual(1);
    expect(Object.values(stripe().data.transfers).filter((t) => t.transfer_group === b.id)).toHaveLength(2);
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    expect((await reconcile(stack.deps.db, stack.deps.stripe)).differences).toEqual([]);
  }, 120_000);

  it('a tip paid partly from a goodwill credit: the whole tip goes to the provider, the credit leaves client_credit, reconciled', async () => {
    const b = await jobUnderWay(maya);
    const provider = await stack.clientAs(sam);
    const client = await stack.clientAs(maya);
    setClock(stack, startOf(b) + 2 * HOUR);
    const items = (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
    await provider.lifecycle.complete.mutate({ id: b.id, checklist: items });
    setClock(stack, startOf(b) + 3 * HOUR);
    await client.lifecycle.confirmCompletion.mutate({ id: b.id });
    // An operator gives Maya 5.00; Stripe takes it off her next invoice, the tip's.
    const ana = await stack.clientAs(demoEmails.ana);
    const { txId } = await ana.operator.credit.mutate({ bookingId: b.id, amount: 500, reason: 'Sorry for the late start' });
    await waitFor(
      'the credit in the ledger',
      async () => (await stack.deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.txId, txId))).length > 0,
    );
    await client.payments.tip.mutate({ id: b.id, amount: 2000 });
    const [tip] = await stack.deps.db.select().from(tips).where(eq(tips.bookingId, b.id));
    expect(stripe().data.invoices[tip!.stripeInvoiceId!]).toMatchObject({ total: 2000, amount_due: 1500 });
    expect((await payOnHostedPage(stack, tip!.stripeInvoiceId!)).status).toBe(303);
    const payout = await waitFor('tip paid out', async () => {
      const [p] = await stack.deps.db
        .select()
        .from(payouts)
        .where(and(eq(payouts.bookingId, b.id), eq(payouts.kind, 'tip')));
      return p?.status === 'paid' ? p : null;
    });
    expect(payout).toMatchObject({ amount: 2000, reason: 'tip' });
    expect((await client.payments.forBooking.query({ id: b.id })).tip).toMatchObject({ amount: 2000, status: 'paid' });
    const mayaId = await userId(stack, maya);
    const credit = await stack.deps.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.account, `client_credit:${mayaId}`));
    expect(credit.reduce((n, e) => n + e.amount, 0)).toBe(0);
    await settled();
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    expect((await reconcile(stack.deps.db, stack.deps.stripe)).differences).toEqual([]);
  }, 120_000);
});
