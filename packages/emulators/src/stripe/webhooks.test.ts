import { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { listen, waitFor } from '../testing.ts';

const SECRET = 'whsec_test_emulator';
const verifier = new Stripe('sk_test_verify');

interface Received {
  event: Stripe.Event;
  signature: string;
}

let running: RunningEmulators;
let receiver: Awaited<ReturnType<typeof listen>>;
let stripe: Stripe;
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  const app = new Hono();
  app.post('/webhooks/stripe', async (c) => {
    const raw = await c.req.text();
    const signature = c.req.header('stripe-signature') ?? '';
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return c.text('boom', 500);
    }
    // Throws when the signature does not match: the SDK's own check.
    const event = verifier.webhooks.constructEvent(raw, signature, SECRET);
    received.push({ event, signature });
    return c.json({ received: true });
  });
  receiver = await listen(app);
  running = await startEmulators({
    port: 0,
    stripe: { webhookEndpoints: [{ url: `${receiver.url}/webhooks/stripe`, secret: SECRET }], retry: { baseDelayMs: 20, maxAttempts: 4 } },
  });
  stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(running.url).port), protocol: 'http' });
});
afterAll(async () => {
  await running.close();
  await receiver.close();
});

describe('webhooks', () => {
  it('delivers every event, signed so that constructEvent accepts it, in order of creation', async () => {
    const customer = await stripe.customers.create({ email: 'hook@example.com' });
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 5 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 2500, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(invoice.id);
    await running.emulators.stripe.idle();
    const types = received.map((r) => r.event.type);
    expect(types).toEqual(['customer.created', 'invoice.created', 'invoiceitem.created', 'invoice.finalized']);
    const finalized = received.at(-1)!.event.data.object as Stripe.Invoice;
    expect(finalized).toMatchObject({ id: invoice.id, status: 'open', total: 2500 });
    expect(received[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // Retrievable through the API, same payload.
    const fetched = await stripe.events.retrieve(received[0]!.event.id);
    expect(fetched.type).toBe('customer.created');
    expect((await stripe.events.list({ type: 'invoice.*' })).data.map((e) => e.type)).toEqual(['invoice.finalized', 'invoice.created']);
    expect(running.emulators.stripe.data.events.every((e) => e.pending_webhooks === 0)).toBe(true);
  });

  it('retries a 500 with backoff until the endpoint accepts it', async () => {
    received.length = 0;
    failuresLeft = 2;
    const customer = await stripe.customers.create({ email: 'retry@example.com' });
    await waitFor(() => received.find((r) => (r.event.data.object as { id?: string }).id === customer.id));
    await running.emulators.stripe.idle();
    const attempts = running.emulators.stripe.deliveries.filter((d) => d.type === 'customer.created' && d.at > 0).slice(-3);
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(received).toHaveLength(1);
  });

  it('gives up after the bounded number of attempts, and redelivers on demand', async () => {
    received.length = 0;
    failuresLeft = 10;
    const customer = await stripe.customers.create({ email: 'giveup@example.com' });
    await running.emulators.stripe.idle();
    const event = running.emulators.stripe.data.events.find((e) => e.data.object.id === customer.id)!;
    expect(running.emulators.stripe.deliveries.filter((d) => d.eventId === event.id)).toHaveLength(4);
    expect(received).toHaveLength(0);
    failuresLeft = 0;
    running.emulators.stripe.redeliver(event.id);
    await running.emulators.stripe.idle();
    expect(received.map((r) => r.event.id)).toEqual([event.id]);
  });

  it('signs with a secret the receiver does not know: constructEvent rejects it', async () => {
    const other = new Stripe('sk_test_other');
    const payload = JSON.stringify({ id: 'evt_x', object: 'event' });
    const header = other.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong' });
    expect(() => verifier.webhooks.constructEvent(payload, header, SECRET)).toThrow();
  });
});
