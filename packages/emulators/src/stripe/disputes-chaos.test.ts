import { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { listen } from '../testing.ts';

const SECRET = 'whsec_disputes';
let running: RunningEmulators;
let receiver: Awaited<ReturnType<typeof listen>>;
let stripe: Stripe;
const received: { id: string; type: string }[] = [];

beforeAll(async () => {
  const verifier = new Stripe('sk_test_v');
  receiver = await listen(
    new Hono().post('/hook', async (c) => {
      const e = verifier.webhooks.constructEvent(await c.req.text(), c.req.header('stripe-signature') ?? '', SECRET);
      received.push({ id: e.id, type: e.type });
      return c.json({ ok: true });
    }),
  );
  running = await startEmulators({
    port: 0,
    stripe: { webhookEndpoints: [{ url: `${receiver.url}/hook`, secret: SECRET }], retry: { baseDelayMs: 10 } },
  });
  stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(running.url).port), protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(async () => {
  await running.close();
  await receiver.close();
});

async function paidInvoice(amounts: number[]) {
  const customer = await stripe.customers.create({ email: 'c@example.com' });
  const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 3 });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id!,
    amount: amounts.reduce((s, a) => s + a, 0),
    currency: 'usd',
  });
  await stripe.invoices.finalizeInvoice(invoice.id!);
  return { customer: customer.id, invoice: invoice.id! };
}

describe('stripe emulator: partial payments, disputes, chaos', () => {
  it('the hosted page pays the next attached instalment, then the rest', async () => {
    const { customer, invoice } = await paidInvoice([3000, 7000]);
    for (const [seq, amount] of [
      [1, 3000],
      [2, 7000],
    ] as const) {
      const pi = await stripe.paymentIntents.create({ amount, currency: 'usd', customer, metadata: { instalment_seq: String(seq) } });
      await stripe.invoices.attachPayment(invoice, { payment_intent: pi.id });
    }
    const pay = () =>
      fetch(`${running.url}/_/stripe/invoices/${invoice}/pay`, {
        method: 'POST',
        body: new URLSearchParams({ number: '4242424242424242', exp: '12/40', cvc: '123', postal_code: '10001' }),
        redirect: 'manual',
      });
    expect((await pay()).status).toBe(303);
    let inv = await stripe.invoices.retrieve(invoice);
    expect([inv.status, inv.amount_paid, inv.amount_remaining]).toEqual(['open', 3000, 7000]);
    expect((await pay()).status).toBe(303);
    inv = await stripe.invoices.retrieve(invoice, { expand: ['payments'] });
    expect([inv.status, inv.amount_paid]).toEqual(['paid', 10_000]);
    expect(inv.payments?.data.filter((p) => p.status === 'paid')).toHaveLength(2);
  });

  it('a dispute withdraws the funds, is listed, and a won dispute gives them back', async () => {
    const customer = await stripe.customers.create({ email: 'd@example.com' });
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const before = (await stripe.balance.retrieve()).available.find((b) => b.currency === 'usd')!.amount;
    const res = await fetch(`${running.url}/_/stripe/charges/${pi.latest_charge as string}/dispute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'fraudulent' }),
    });
    const dispute = (await res.json()) as { id: string; amount: number };
    expect(dispute.amount).toBe(5000);
    expect((await stripe.balance.retrieve()).available.find((b) => b.currency === 'usd')!.amount).toBe(before - 5000);
    expect((await stripe.disputes.list({ charge: pi.latest_charge as string })).data.map((d) => d.id)).toEqual([dispute.id]);
    expect((await fetch(`${running.url}/_/stripe/charges/${pi.latest_charge as string}/dispute`, { method: 'POST' })).status).toBe(400);
    await fetch(`${running.url}/_/stripe/disputes/${dispute.id}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'won' }),
    });
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('won');
    expect((await stripe.balance.retrieve()).available.find((b) => b.currency === 'usd')!.amount).toBe(before);
    await running.emulators.stripe.idle();
    expect(received.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
        'charge.dispute.funds_reinstated',
        'charge.dispute.closed',
      ]),
    );
  });

  it('chaos: a share of calls fails with Stripe errors; idempotent retries still create one object', async () => {
    running.emulators.stripe.setChaos({ failureRate: 0.5, seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await fetch(`${running.url}/v1/customers`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_x', 'idempotency-key': 'chaos-customer' },
        body: 'email=x%40example.com',
      });
      statuses.push(r.status);
    }
    running.emulators.stripe.setChaos({ failureRate: 0 });
    expect(statuses.filter((s) => s !== 200).length).toBeGreaterThan(5);
    expect(statuses).toContain(200);
    const made = Object.values(running.emulators.stripe.data.customers).filter((c) => c.email === 'x@example.com');
    expect(made).toHaveLength(1);
  });

  it('chaos: every webhook delivered three times in shuffled order', async () => {
    received.length = 0;
    running.emulators.stripe.setChaos({ webhookDuplicates: 2, webhookShuffleMs: 400, seed: 3 });
    await Promise.all([0, 1, 2, 3, 4].map((i) => stripe.customers.create({ email: `w${i}@example.com` })));
    await running.emulators.stripe.idle();
    running.emulators.stripe.setChaos({ webhookDuplicates: 0, webhookShuffleMs: 0 });
    const ids = received.map((e) => e.id);
    expect(ids).toHaveLength(15);
    expect(new Set(ids).size).toBe(5);
    const firstSeen = [...new Set(ids)];
    const created = running.emulators.stripe.data.events
      .filter((e) => e.type === 'customer.created')
      .slice(-5)
      .map((e) => e.id);
    expect(firstSeen).not.toEqual(created);
  });
});
