import { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { listen } from '../testing.ts';

const SECRET = 'whsec_connect';
let now = Date.parse('2026-03-02T10:00:00Z');
let running: RunningEmulators;
let receiver: Awaited<ReturnType<typeof listen>>;
let stripe: Stripe;
const connectEvents: Stripe.Event[] = [];

beforeAll(async () => {
  const verifier = new Stripe('sk_test_v');
  receiver = await listen(
    new Hono().post('/connect', async (c) => {
      connectEvents.push(verifier.webhooks.constructEvent(await c.req.text(), c.req.header('stripe-signature') ?? '', SECRET));
      return c.json({ ok: true });
    }),
  );
  running = await startEmulators({
    port: 0,
    clock: () => now,
    stripe: { webhookEndpoints: [{ url: `${receiver.url}/connect`, secret: SECRET, connect: true }] },
  });
  stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(running.url).port), protocol: 'http' });
});
afterAll(async () => {
  await running.close();
  await receiver.close();
});

const newAccount = () =>
  stripe.accounts.create({
    controller: { fees: { payer: 'application' }, losses: { payments: 'application' }, stripe_dashboard: { type: 'express' } },
    capabilities: { transfers: { requested: true } },
    email: 'pro@example.com',
    metadata: { providerId: 'p1' },
  });
const link = (account: string) =>
  stripe.accountLinks.create({
    account,
    type: 'account_onboarding',
    refresh_url: 'http://app.test/connect/refresh',
    return_url: 'http://app.test/connect/return',
  });

describe('Connect: accounts, onboarding, transfers', () => {
  it('onboards a provider through the link page and reports readiness with account.updated', async () => {
    const account = await newAccount();
    expect(account).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      type: 'express',
      capabilities: { transfers: 'inactive' },
    });
    expect(account.controller?.stripe_dashboard?.type).toBe('express');
    expect(account.requirements?.currently_due?.length).toBeGreaterThan(0);

    const { url } = await link(account.id);
    expect((await fetch(url)).status).toBe(200);
    const done = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Jenny Cleans', routing: '110000000', account_number: '000123456789' }),
      redirect: 'manual',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://app.test/connect/return');

    const ready = await stripe.accounts.retrieve(account.id);
    expect(ready).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    });
    expect(ready.requirements?.currently_due).toEqual([]);
    await running.emulators.stripe.idle();
    const updated = connectEvents.find((e) => e.type === 'account.updated' && e.account === account.id);
    expect((updated?.data.object as Stripe.Account).charges_enabled).toBe(true);
    // A used link sends the person to refresh_url.
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe('http://app.test/connect/refresh');
  });

  it('sends an expired link to refresh_url', async () => {
    const account = await newAccount();
    const { url } = await link(account.id);
    now += 10 * 60 * 1000;
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://app.test/connect/refresh');
  });

  it('transfers from a charge to an onboarded account, reverses part, and pays out from its balance', async () => {
    const pending = await newAccount();
    await expect(stripe.transfers.create({ amount: 100, currency: 'usd', destination: pending.id })).rejects.toMatchObject({
      statusCode: 400,
      code: 'insufficient_capabilities_for_transfer',
    });

    const account = await newAccount();
    const { url } = await link(account.id);
    await fetch(url, { method: 'POST', body: new URLSearchParams({ name: 'Pro', routing: '110000000' }), redirect: 'manual' });

    const customer = await stripe.customers.create({});
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 10_000, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(invoice.id);
    await stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' });
    const paid = await stripe.invoices.retrieve(invoice.id, { expand: ['payments.data.payment.payment_intent'] });
    const chargeId = (paid.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent).latest_charge as string;

    const transfer = await stripe.transfers.create(
      {
        amount: 8500,
        currency: 'usd',
        destination: account.id,
        source_transaction: chargeId,
        transfer_group: 'booking_b1',
        metadata: { bookingId: 'b1' },
      },
      { idempotencyKey: 'payout:b1:v1' },
    );
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 8500,
      destination: account.id,
      source_transaction: chargeId,
      transfer_group: 'booking_b1',
    });
    await expect(
      stripe.transfers.create({ amount: 2000, currency: 'usd', destination: account.id, source_transaction: chargeId }),
    ).rejects.toMatchObject({ code: 'amount_too_large' });

    const platform = await stripe.balance.retrieve();
    const connected = await stripe.balance.retrieve({}, { stripeAccount: account.id });
    expect(connected.available[0]).toMatchObject({ amount: 8500, currency: 'usd' });
    expect(platform.available.find((b) => b.currency === 'usd')!.amount).toBeGreaterThanOrEqual(1500);

    const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 3500 });
    expect(reversal).toMatchObject({ object: 'transfer_reversal', amount: 3500, transfer: transfer.id });
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 3500, reversed: false });
    expect((await stripe.balance.retrieve({}, { stripeAccount: account.id })).available[0]!.amount).toBe(5000);

    await expect(stripe.payouts.create({ amount: 6000, currency: 'usd' }, { stripeAccount: account.id })).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    const payout = await stripe.payouts.create({ amount: 5000, currency: 'usd' }, { stripeAccount: account.id });
    expect(payout.status).toBe('in_transit');
    await expect(stripe.payouts.retrieve(payout.id)).rejects.toMatchObject({ statusCode: 404 }); // not the platform's
    now += 3 * 86_400_000;
    await fetch(`${running.url}/_/stripe/payouts/run`, { method: 'POST' });
    expect((await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: account.id })).status).toBe('paid');
    await running.emulators.stripe.idle();
    expect(connectEvents.some((e) => e.type === 'payout.paid' && e.account === account.id)).toBe(true);
    expect(running.emulators.stripe.data.events.some((e) => e.type === 'transfer.reversed' && e.data.object.id === transfer.id)).toBe(true);
  });
});
