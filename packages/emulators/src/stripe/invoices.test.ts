import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { STRIPE_API_VERSION } from './api-version.ts';

let running: RunningEmulators;
let stripe: Stripe;

beforeAll(async () => {
  running = await startEmulators({ port: 0 });
  const { port } = new URL(running.url);
  stripe = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(() => running.close());

async function draftWithItems() {
  const customer = await stripe.customers.create({ email: 'ann@example.com', name: 'Ann Client', metadata: { userId: 'u1' } });
  const tax = await stripe.taxRates.create({ display_name: 'Sales tax', percentage: 8.875, inclusive: false });
  const invoice = await stripe.invoices.create({
    customer: customer.id,
    collection_method: 'send_invoice',
    days_until_due: 7,
    auto_advance: false,
    description: 'Booking b1',
    metadata: { bookingId: 'b1' },
    default_tax_rates: [tax.id],
  });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id,
    amount: 12_000,
    currency: 'usd',
    description: '2 h cleaning',
  });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id,
    quantity: 3,
    unit_amount_decimal: Stripe.Decimal.from('1250.5'),
    currency: 'usd',
    description: 'Supplies',
  });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id,
    price_data: { currency: 'usd', product: 'prod_fee', unit_amount: 999 },
  });
  return { customer, tax, invoice };
}

describe('invoices through the official SDK', () => {
  it('creates, finalizes and sends an invoice with the totals computed from its lines and tax', async () => {
    const { customer, invoice } = await draftWithItems();
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice.status).toBe('draft');
    expect(invoice.hosted_invoice_url).toBeNull();
    expect(invoice.due_date).toBe(invoice.created + 7 * 86_400);

    const finalized = await stripe.invoices.finalizeInvoice(invoice.id);
    // 12000 + round(3 * 1250.5 = 3751.5) = 3752 + 999 = 16751; tax 8.875% per line: 1065 + 333 + 89 = 1487
    expect(finalized.lines.data.map((l) => l.amount)).toEqual([12_000, 3752, 999]);
    expect(finalized.subtotal).toBe(16_751);
    expect(finalized.total_taxes?.[0]?.amount).toBe(1487);
    expect(finalized.total).toBe(18_238);
    expect(finalized.amount_due).toBe(18_238);
    expect(finalized.amount_remaining).toBe(18_238);
    expect(finalized.status).toBe('open');
    expect(finalized.number).toMatch(/^[A-Z0-9]+-0001$/);
    expect(finalized.hosted_invoice_url).toBe(`${running.url}/_/stripe/invoices/${invoice.id}`);
    expect(finalized.invoice_pdf).toContain(invoice.id);

    const sent = await stripe.invoices.sendInvoice(invoice.id);
    expect(sent.status).toBe('open');
    const list = await stripe.invoices.list({ customer: customer.id });
    expect(list.data.map((i) => i.id)).toEqual([invoice.id]);
    const types = running.emulators.stripe.data.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['customer.created', 'invoice.created', 'invoice.finalized', 'invoice.sent']));
  });

  it('handles inclusive tax by carving it out of the amount', async () => {
    const customer = await stripe.customers.create({ email: 'inc@example.com' });
    const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: true });
    const invoice = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 3,
      default_tax_rates: [vat.id],
    });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 12_000, currency: 'usd' });
    const inv = await stripe.invoices.retrieve(invoice.id);
    expect(inv.total).toBe(12_000);
    expect(inv.total_excluding_tax).toBe(10_000);
    expect(inv.total_taxes?.[0]).toMatchObject({ amount: 2000, tax_behavior: 'inclusive', tax_rate_details: { tax_rate: vat.id } });
  });

  it('pays out of band, voids, and refuses items on finalized invoices', async () => {
    const { customer, invoice } = await draftWithItems();
    await stripe.invoices.finalizeInvoice(invoice.id);
    await expect(
      stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 100, currency: 'usd' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    const paid = await stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
    expect(paid).toMatchObject({ status: 'paid', amount_remaining: 0, amount_paid: paid.total });
    expect(paid.status_transitions.paid_at).toBeGreaterThan(0);
    await expect(stripe.invoices.voidInvoice(invoice.id)).rejects.toMatchObject({ statusCode: 400 });

    const second = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: second.id, amount: 500, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(second.id);
    expect((await stripe.invoices.voidInvoice(second.id)).status).toBe('void');
    const third = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: third.id, amount: 500, currency: 'usd' });
    await stripe.invoices.finalizeInvoice(third.id);
    expect((await stripe.invoices.markUncollectible(third.id)).status).toBe('uncollectible');
  });

  it('charges a test PaymentMethod through pay, and declines the decline card with a card error', async () => {
    const { invoice } = await draftWithItems();
    await stripe.invoices.finalizeInvoice(invoice.id);
    await expect(stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_chargeDeclined' })).rejects.toMatchObject({
      type: 'StripeCardError',
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    const paid = await stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' }, { idempotencyKey: `pay-${invoice.id}` });
    expect(paid.status).toBe('paid');
    const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ['payments.data.payment.payment_intent'] });
    const payment = withPayments.payments?.data.find((p) => p.status === 'paid');
    const pi = payment?.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('succeeded');
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ paid: true, amount: paid.total, status: 'succeeded' });
  });

  it('lists customers by email and updates them', async () => {
    const a = await stripe.customers.create({ email: 'filter@example.com', name: 'Filter' });
    await stripe.customers.create({ email: 'other@example.com' });
    const found = await stripe.customers.list({ email: 'filter@example.com' });
    expect(found.data.map((c) => c.id)).toEqual([a.id]);
    const updated = await stripe.customers.update(a.id, { name: 'Renamed', metadata: { k: 'v' } });
    expect(updated).toMatchObject({ name: 'Renamed', metadata: { k: 'v' }, livemode: false, object: 'customer' });
  });
});

describe('errors and idempotency', () => {
  it('answers unknown ids with 404 resource_missing', async () => {
    await expect(stripe.customers.retrieve('cus_nope')).rejects.toMatchObject({
      statusCode: 404,
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      param: 'id',
    });
  });

  it('answers validation errors with 400 and the bracketed param', async () => {
    const customer = await stripe.customers.create({});
    await expect(stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' })).rejects.toMatchObject({
      statusCode: 400,
      param: 'days_until_due',
    });
    await expect(
      stripe.invoiceItems.create({
        customer: customer.id,
        price_data: { currency: 'usd', product: 'p', unit_amount: 'x' as unknown as number },
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'price_data[unit_amount]' });
    await expect(stripe.customers.create({ bogus: 1 } as Stripe.CustomerCreateParams)).rejects.toMatchObject({
      statusCode: 400,
      param: 'bogus',
      message: 'Received unknown parameter: bogus',
    });
  });

  it("rejects a missing or malformed key with 401 in Stripe's shape", async () => {
    const res = await fetch(`${running.url}/v1/customers`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    const bad = new Stripe('sk_live_real', {
      host: '127.0.0.1',
      port: Number(new URL(running.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(bad.customers.list()).rejects.toMatchObject({ statusCode: 401, type: 'StripeAuthenticationError' });
  });

  it('replays the first response for a reused key and refuses the key with other params', async () => {
    const key = 'customer:create:idem-1';
    const first = await stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: key });
    const again = await stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect((await stripe.customers.list({ email: 'idem@example.com' })).data).toHaveLength(1);
    await expect(stripe.customers.create({ email: 'different@example.com' }, { idempotencyKey: key })).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeIdempotencyError',
    });
  });

  it('echoes the pinned API version', async () => {
    const res = await fetch(`${running.url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_x' } });
    expect(res.headers.get('stripe-version')).toBe(STRIPE_API_VERSION);
  });
});
