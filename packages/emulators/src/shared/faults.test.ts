import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';

let running: RunningEmulators;
let port: number;

beforeAll(async () => {
  running = await startEmulators({ port: 0 });
  port = Number(new URL(running.url).port);
});
afterAll(() => running.close());

describe('fault injection', () => {
  it('a lost response (work done, 500 returned) is retried by stripe-node with the same key: one customer', async () => {
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 2 });
    running.emulators.faults.add({ method: 'POST', path: '/v1/customers', status: 500, phase: 'after' });
    const customer = await stripe.customers.create({ email: 'lost@example.com' });
    expect(customer.id).toMatch(/^cus_/);
    expect((await stripe.customers.list({ email: 'lost@example.com' })).data).toHaveLength(1);
    expect(running.emulators.faults.list()).toEqual([]);
  });

  it('a lost response really is lost: the work is done and the client hears only the error', async () => {
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    running.emulators.faults.add({ method: 'POST', path: '/v1/customers', status: 500, phase: 'after' });
    await expect(stripe.customers.create({ email: 'unheard@example.com' })).rejects.toMatchObject({ statusCode: 500 });
    expect((await stripe.customers.list({ email: 'unheard@example.com' })).data).toHaveLength(1);
  });

  it("answers in the service's error shape, then recovers after `times`", async () => {
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    const res = await fetch(`${running.url}/_/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'GET', path: '/v1/customers', status: 429, times: 2 }),
    });
    expect(res.status).toBe(201);
    await expect(stripe.customers.list()).rejects.toMatchObject({ statusCode: 429 });
    await expect(stripe.customers.list()).rejects.toMatchObject({ statusCode: 429 });
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });

    running.emulators.faults.add({ path: '/bot', status: 429 });
    const tg = await fetch(`${running.url}/bot1:abc/getMe`);
    expect(await tg.json()).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 1 } });
  });

  it('a slow answer makes the client time out', async () => {
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, timeout: 100 });
    running.emulators.faults.add({ path: '/v1/invoices', delayMs: 400, status: 500 });
    await expect(stripe.invoices.list()).rejects.toMatchObject({ type: 'StripeConnectionError' });
  });

  it('refuses a malformed fault', async () => {
    const res = await fetch(`${running.url}/_/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'no-slash' }),
    });
    expect(res.status).toBe(400);
  });
});
