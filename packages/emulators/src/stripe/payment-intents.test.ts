import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';

let running: RunningEmulators;
let stripe: Stripe;

beforeAll(async () => {
  running = await startEmulators({ port: 0 });
  stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(running.url).port), protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(() => running.close());

describe('PaymentIntents and partial invoice payments', () => {
  it('pays a deposit then the balance with attach_payment', async () => {
    const customer = await stripe.customers.create({});
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 3 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 20_000, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(invoice.id);

    const deposit = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      transfer_group: 'booking_b9',
    });
    expect(deposit.status).toBe('succeeded');
    expect((await stripe.charges.retrieve(deposit.latest_charge as string)).transfer_group).toBe('booking_b9');
    const partly = await stripe.invoices.attachPayment(invoice.id, { payment_intent: deposit.id });
    expect(partly).toMatchObject({ status: 'open', amount_paid: 5000, amount_remaining: 15_000 });

    const tooMuch = await stripe.paymentIntents.create({ amount: 16_000, currency: 'usd', customer: customer.id });
    await expect(stripe.invoices.attachPayment(invoice.id, { payment_intent: tooMuch.id })).rejects.toMatchObject({
      statusCode: 400,
      param: 'payment_intent',
    });

    // Attached before confirming: the invoice follows when the intent succeeds.
    const balance = await stripe.paymentIntents.create({ amount: 15_000, currency: 'usd', customer: customer.id });
    await stripe.invoices.attachPayment(invoice.id, { payment_intent: balance.id });
    await expect(stripe.paymentIntents.confirm(balance.id, { payment_method: 'pm_card_chargeDeclined' })).rejects.toMatchObject({
      type: 'StripeCardError',
    });
    expect((await stripe.invoices.retrieve(invoice.id)).status).toBe('open');
    await stripe.paymentIntents.confirm(balance.id, { payment_method: 'pm_card_visa' });
    const paid = await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 20_000, amount_remaining: 0 });
    expect(
      paid
        .payments!.data.filter((p) => p.status === 'paid')
        .map((p) => p.amount_paid)
        .sort(),
    ).toEqual([15_000, 5000]);
    const types = running.emulators.stripe.data.events.filter((e) => e.data.object.id === invoice.id).map((e) => e.type);
    expect(types.filter((t) => t === 'invoice.paid')).toHaveLength(1);
  });
});
