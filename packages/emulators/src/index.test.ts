import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';
import { createEmulators, startEmulators } from './index.ts';

describe('createEmulators / startEmulators', () => {
  it('keeps invoices across a restart when given a data file', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'emulators-')), 'state.json');
    const first = await startEmulators({ port: 0, dataFile });
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(first.url).port), protocol: 'http' });
    const customer = await stripe.customers.create({ email: 'keep@example.com' });
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 3 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 4200, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(invoice.id);
    await first.close();
    expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toHaveProperty(['stripe', 'invoices', invoice.id]);

    const second = await startEmulators({ port: 0, dataFile });
    const again = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(second.url).port), protocol: 'http' });
    const kept = await again.invoices.retrieve(invoice.id);
    expect(kept).toMatchObject({ status: 'open', total: 4200 });
    // The number sequence continues instead of restarting.
    const next = await again.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 3 });
    expect((await again.invoices.finalizeInvoice(next.id)).number).toMatch(/-0002$/);
    await second.close();
  });

  it('after a restart, sends again the events an endpoint never accepted', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'emulators-')), 'state.json');
    const got: string[] = [];
    let up = false;
    const { listen } = await import('./testing.ts');
    const receiver = await listen(
      new Hono().post('/hook', (c) => {
        if (!up) return c.text('down', 503);
        got.push(c.req.header('stripe-signature') ? 'signed' : 'unsigned');
        return c.text('ok');
      }),
    );
    const endpoint = { url: `${receiver.url}/hook`, secret: 'whsec_x' };
    const first = await startEmulators({ port: 0, dataFile, stripe: { webhookEndpoints: [endpoint], retry: { maxAttempts: 1 } } });
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(first.url).port), protocol: 'http' });
    await stripe.customers.create({ email: 'later@example.com' });
    await first.emulators.stripe.idle();
    await first.close();
    expect(got).toEqual([]);

    up = true;
    const second = await startEmulators({ port: 0, dataFile, stripe: { webhookEndpoints: [endpoint] } });
    await second.emulators.stripe.idle();
    expect(got).toEqual(['signed']);
    expect(second.emulators.stripe.data.events[0]?.pending_webhooks).toBe(0);
    await second.close();
    await receiver.close();
  });

  it('mounts another emulator on the same app and lists its page', async () => {
    const emulators = createEmulators();
    // Cal.com is mounted by default now; any other service joins the same way.
    const extra = new Hono().get('/v9/ping', (c) => c.json({ status: 'success' }));
    emulators.mount({ name: 'example', app: extra, pages: [{ title: 'Example', href: '/_/example' }] });
    expect(await (await emulators.app.request('/v9/ping')).json()).toEqual({ status: 'success' });
    const index = await (await emulators.app.request('/_/')).text();
    expect(index).toContain('href="/_/example"');
    expect(index).toContain('href="/_/calcom"');
    await emulators.close();
  });

  it('reads its environment with defaults and refuses a webhook URL without a secret', () => {
    expect(readEnv({})).toMatchObject({ EMULATORS_PORT: 8790, EMULATORS_HOST: '127.0.0.1' });
    expect(() => readEnv({ STRIPE_WEBHOOK_URL: 'http://127.0.0.1:3000/webhooks/stripe' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => readEnv({ EMULATORS_PORT: 'abc' })).toThrow(/EMULATORS_PORT/);
  });
});
