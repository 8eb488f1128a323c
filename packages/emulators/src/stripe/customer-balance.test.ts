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

describe('customer balance transactions', () => {
  it('credits a customer (a negative amount), keeps the balance, lists and retrieves; another currency is refused', async () => {
    const customer = await stripe.customers.create({ email: 'credit@example.com' });
    const txn = await stripe.customers.createBalanceTransaction(
      customer.id,
      { amount: -2500, currency: 'usd', description: 'Goodwill', metadata: { auditId: 'a1' } },
      { idempotencyKey: 'credit:a1' },
    );
    expect(txn).toMatchObject({
      object: 'customer_balance_transaction',
      amount: -2500,
      currency: 'usd',
      customer: customer.id,
      ending_balance: -2500,
      type: 'adjustment',
      metadata: { auditId: 'a1' },
    });
    // The same idempotency key gives the same answer and credits once.
    const again = await stripe.customers.createBalanceTransaction(
      customer.id,
      { amount: -2500, currency: 'usd', description: 'Goodwill', metadata: { auditId: 'a1' } },
      { idempotencyKey: 'credit:a1' },
    );
    expect(again.id).toBe(txn.id);
    await stripe.customers.createBalanceTransaction(customer.id, { amount: 500, currency: 'usd' });
    const after = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.balance).toBe(-2000);
    expect(after.currency).toBe('usd');
    expect((await stripe.customers.retrieveBalanceTransaction(customer.id, txn.id)).amount).toBe(-2500);
    const list = await stripe.customers.listBalanceTransactions(customer.id, { limit: 10 });
    expect(list.data.map((t) => t.amount)).toEqual([500, -2500]);
    await expect(stripe.customers.createBalanceTransaction(customer.id, { amount: -100, currency: 'eur' })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(stripe.customers.createBalanceTransaction('cus_missing', { amount: -100, currency: 'usd' })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe('the customer balance at finalization', () => {
  async function invoiceOf(customer: string, amount: number) {
    const invoice = await stripe.invoices.create({ customer, collection_method: 'send_invoice', days_until_due: 7, currency: 'usd' });
    await stripe.invoiceItems.create({ customer, invoice: invoice.id, amount, currency: 'usd', description: 'Cleaning' });
    return invoice.id;
  }

  it('takes a credit smaller than the invoice off amount_due; the card pays the rest', async () => {
    const customer = await stripe.customers.create({ email: 'maya@example.com' });
    await stripe.customers.createBalanceTransaction(customer.id, { amount: -1250, currency: 'usd' });
    const id = await invoiceOf(customer.id, 10_000);
    const open = await stripe.invoices.finalizeInvoice(id);
    expect(open).toMatchObject({
      status: 'open',
      total: 10_000,
      starting_balance: -1250,
      ending_balance: 0,
      amount_due: 8750,
      amount_remaining: 8750,
      amount_paid: 0,
    });
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(0);
    const applied = await stripe.customers.listBalanceTransactions(customer.id, { invoice: id });
    expect(applied.data).toEqual([expect.objectContaining({ type: 'applied_to_invoice', amount: 1250, invoice: id, ending_balance: 0 })]);
    const paid = await stripe.invoices.pay(id, { payment_method: 'pm_card_visa' });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 8750, amount_remaining: 0, total: 10_000 });
  });

  it('pays an invoice the credit covers at finalization with nothing charged, and keeps the rest of the credit', async () => {
    const customer = await stripe.customers.create({ email: 'leo@example.com' });
    await stripe.customers.createBalanceTransaction(customer.id, { amount: -15_000, currency: 'usd' });
    const id = await invoiceOf(customer.id, 10_000);
    const paid = await stripe.invoices.finalizeInvoice(id);
    expect(paid).toMatchObject({
      status: 'paid',
      starting_balance: -15_000,
      ending_balance: -5000,
      amount_due: 0,
      amount_paid: 0,
      amount_remaining: 0,
    });
    expect(paid.status_transitions.paid_at).not.toBeNull();
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-5000);
    expect((await stripe.invoices.retrieve(id, { expand: ['payments'] })).payments?.data ?? []).toEqual([]);
  });

  it('gives the credit back when the invoice is voided; a balance in another currency is not applied', async () => {
    const customer = await stripe.customers.create({ email: 'sol@example.com' });
    await stripe.customers.createBalanceTransaction(customer.id, { amount: -2000, currency: 'usd' });
    const id = await invoiceOf(customer.id, 5000);
    expect((await stripe.invoices.finalizeInvoice(id)).amount_due).toBe(3000);
    await stripe.invoices.voidInvoice(id);
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-2000);
    const txns = await stripe.customers.listBalanceTransactions(customer.id, { invoice: id });
    expect(txns.data.map((t) => [t.type, t.amount])).toEqual([
      ['unapplied_from_invoice', -2000],
      ['applied_to_invoice', 2000],
    ]);
    const eur = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 7,
      currency: 'eur',
    });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: eur.id, amount: 4000, currency: 'eur' });
    expect(await stripe.invoices.finalizeInvoice(eur.id)).toMatchObject({ starting_balance: 0, ending_balance: 0, amount_due: 4000 });
  });
});
