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
