import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';

let running: RunningEmulators;
let stripe: Stripe;

beforeAll(async () => {
  running = await startEmulators({ port: 0 });
  stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(running.url).port), protocol: 'http' });
});
afterAll(() => running.close());

async function paidInvoice(amount: number) {
  const customer = await stripe.customers.create({ email: 'refund@example.com' });
  const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
  await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount, currency: 'usd' });
  await stripe.invoices.finalizeInvoice(invoice.id);
  await stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' });
  const paid = await stripe.invoices.retrieve(invoice.id, { expand: ['payments.data.payment.payment_intent'] });
  const pi = paid.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent;
  return { invoice: paid, chargeId: pi.latest_charge as string, pi };
}

describe('refunds and credit notes', () => {
  it('refunds part of a charge, records it on the invoice with a credit note, and refuses over-refunds', async () => {
    const { invoice, chargeId } = await paidInvoice(10_000);
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 3000, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ object: 'refund', amount: 3000, charge: chargeId, status: 'succeeded' });
    expect(await stripe.refunds.retrieve(refund.id)).toMatchObject({ id: refund.id });
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ amount_refunded: 3000, refunded: false });

    const note = await stripe.creditNotes.create({
      invoice: invoice.id,
      amount: 3000,
      refunds: [{ refund: refund.id }],
      reason: 'order_change',
    });
    expect(note).toMatchObject({ object: 'credit_note', amount: 3000, type: 'post_payment', status: 'issued' });
    expect(note.refunds[0]).toMatchObject({ amount_refunded: 3000, refund: refund.id });
    expect((await stripe.invoices.retrieve(invoice.id)).post_payment_credit_notes_amount).toBe(3000);

    await expect(stripe.refunds.create({ charge: chargeId, amount: 8000 })).rejects.toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
    });
    const rest = await stripe.refunds.create({ payment_intent: charge.payment_intent as string });
    expect(rest.amount).toBe(7000);
    expect((await stripe.charges.retrieve(chargeId)).refunded).toBe(true);
    const types = running.emulators.stripe.data.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['refund.created', 'charge.refunded', 'credit_note.created']));
  });

  it('creates the refund itself with refund_amount, and checks the parts add up', async () => {
    const { invoice, chargeId } = await paidInvoice(5000);
    await expect(
      stripe.creditNotes.create({ invoice: invoice.id, amount: 2000, refund_amount: 1000, credit_amount: 0 }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    const note = await stripe.creditNotes.create({ invoice: invoice.id, amount: 2000, refund_amount: 2000 });
    expect(note.refunds).toHaveLength(1);
    // The refused request refunded nothing.
    expect((await stripe.charges.retrieve(chargeId)).amount_refunded).toBe(2000);
  });

  it('a credit note on an open invoice lowers what is due, and pays it when it reaches zero', async () => {
    const customer = await stripe.customers.create({});
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 4000, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(invoice.id);
    await stripe.creditNotes.create({ invoice: invoice.id, amount: 1500 });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ amount_due: 2500, amount_remaining: 2500, status: 'open' });
    await stripe.creditNotes.create({
      invoice: invoice.id,
      lines: [{ type: 'custom_line_item', unit_amount: 2500, quantity: 1, description: 'Goodwill' }],
    });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ amount_remaining: 0, status: 'paid' });
  });

  it('a partly paid invoice (deposit paid, balance open): cannot be voided; a credit note first cancels what is due, then records the refund (mixed)', async () => {
    const customer = await stripe.customers.create({});
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 10_000, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(invoice.id);
    const deposit = await stripe.paymentIntents.create({ amount: 3000, currency: 'usd', customer: customer.id });
    const balance = await stripe.paymentIntents.create({ amount: 7000, currency: 'usd', customer: customer.id });
    await stripe.invoices.attachPayment(invoice.id, { payment_intent: deposit.id });
    await stripe.invoices.attachPayment(invoice.id, { payment_intent: balance.id });
    const paidDeposit = await stripe.paymentIntents.confirm(deposit.id, { payment_method: 'pm_card_visa' });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'open', amount_paid: 3000, amount_remaining: 7000 });

    await expect(stripe.invoices.voidInvoice(invoice.id)).rejects.toMatchObject({ statusCode: 400, code: 'invoice_not_open' });
    await stripe.paymentIntents.cancel(balance.id);
    await expect(stripe.invoices.voidInvoice(invoice.id)).rejects.toMatchObject({ statusCode: 400 }); // the deposit is paid

    // 7000 cancels the balance (pre-payment), 1000 is refunded (post-payment); the parts must add up.
    const refund = await stripe.refunds.create({ charge: paidDeposit.latest_charge as string, amount: 1000 });
    await expect(
      stripe.creditNotes.create({ invoice: invoice.id, amount: 8000, refunds: [{ refund: refund.id }], credit_amount: 500 }),
    ).rejects.toMatchObject({ param: 'amount' });
    const note = await stripe.creditNotes.create({ invoice: invoice.id, amount: 8000, refunds: [{ refund: refund.id }] });
    expect(note).toMatchObject({ type: 'mixed', pre_payment_amount: 7000, post_payment_amount: 1000 });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({
      status: 'paid',
      amount_paid: 3000,
      amount_remaining: 0,
      post_payment_credit_notes_amount: 1000,
    });
    expect((await stripe.invoices.retrieve(invoice.id)).pre_payment_credit_notes_amount).toBe(7000);
  });
});
