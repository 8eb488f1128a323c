import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';

let running: RunningEmulators;
let stripe: Stripe;

beforeAll(async () => {
  running = await startEmulators({ port: 0, stripe: { accountName: 'Handled Test' } });
  stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(running.url).port), protocol: 'http' });
});
afterAll(() => running.close());

async function openInvoice() {
  const customer = await stripe.customers.create({ email: 'payer@example.com', name: 'Pat Payer' });
  const tax = await stripe.taxRates.create({ display_name: 'Sales tax', percentage: 10, inclusive: false });
  const invoice = await stripe.invoices.create({
    customer: customer.id,
    collection_method: 'send_invoice',
    days_until_due: 7,
    default_tax_rates: [tax.id],
  });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id,
    amount: 10_000,
    currency: 'usd',
    description: 'Deep clean <b>kitchen</b>',
  });
  return stripe.invoices.finalizeInvoice(invoice.id);
}

const pay = (url: string, card: Record<string, string>) =>
  fetch(`${url}/pay`, { method: 'POST', body: new URLSearchParams({ exp: '12 / 34', cvc: '123', postal_code: '94107', ...card }) });

describe('hosted invoice page', () => {
  it('shows the merchant, lines (escaped), tax, total and a card form', async () => {
    const invoice = await openInvoice();
    const res = await fetch(invoice.hosted_invoice_url!);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Handled Test');
    expect(page).toContain('Deep clean &lt;b&gt;kitchen&lt;/b&gt;');
    expect(page).toContain('$100.00');
    expect(page).toContain('Sales tax (10%)');
    expect(page).toContain('$110.00');
    expect(page).toContain('name="number"');
    expect(page).toContain('name="viewport"');
  });

  it('pays with 4242…: PaymentIntent, Charge, invoice payment, paid invoice, receipt', async () => {
    const invoice = await openInvoice();
    const res = await pay(invoice.hosted_invoice_url!, { number: '4242 4242 4242 4242' });
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    const page = await res.text();
    expect(page).toContain('Paid $110.00');
    expect(page).toContain('visa •••• 4242');

    const paid = await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 11_000, amount_remaining: 0 });
    expect(paid.status_transitions.paid_at).not.toBeNull();
    const payment = paid.payments!.data[0]!;
    expect(payment).toMatchObject({ status: 'paid', amount_paid: 11_000, payment: { type: 'payment_intent' } });
    const pi = await stripe.paymentIntents.retrieve(payment.payment.payment_intent as string);
    expect(pi.status).toBe('succeeded');
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ status: 'succeeded', amount: 11_000, paid: true, payment_intent: pi.id });
    const types = running.emulators.stripe.data.events.map((e) => e.type);
    for (const t of ['payment_intent.succeeded', 'charge.succeeded', 'invoice_payment.paid', 'invoice.paid', 'invoice.payment_succeeded']) {
      expect(types).toContain(t);
    }
    const receipt = await fetch(charge.receipt_url!);
    expect(await receipt.text()).toContain('$110.00');
  });

  it('leads back to the booking the invoice names (metadata.booking_url), after payment too; other addresses are not links', async () => {
    const customer = await stripe.customers.create({ email: 'payer@example.com', name: 'Pat Payer' });
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 7,
      metadata: { booking_url: 'http://127.0.0.1:3000/bookings/b-1' },
      footer: 'Your booking HD-1: http://127.0.0.1:3000/bookings/b-1',
    });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 5_000, currency: 'usd', description: 'Tap' });
    const invoice = await stripe.invoices.finalizeInvoice(draft.id);
    const before = await (await fetch(invoice.hosted_invoice_url!)).text();
    expect(before).toContain('Your booking HD-1: http://127.0.0.1:3000/bookings/b-1');
    const page = await (await pay(invoice.hosted_invoice_url!, { number: '4242 4242 4242 4242' })).text();
    expect(page).toMatch(
      /<a class="button" href="http:\/\/127\.0\.0\.1:3000\/bookings\/b-1" data-testid="back-to-booking">Back to your booking<\/a>/,
    );
    const other = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 7,
      metadata: { booking_url: 'javascript:alert(1)' },
    });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: other.id, amount: 5_000, currency: 'usd' });
    const otherPage = await (await fetch((await stripe.invoices.finalizeInvoice(other.id)).hosted_invoice_url!)).text();
    expect(otherPage).not.toContain('Back to your booking');
  });

  it('declines 4000 0000 0000 0002 with a clear message and invoice.payment_failed, then accepts a good card', async () => {
    const invoice = await openInvoice();
    const res = await pay(invoice.hosted_invoice_url!, { number: '4000000000000002' });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain('Your card was declined.');
    expect((await stripe.invoices.retrieve(invoice.id)).status).toBe('open');
    const failed = running.emulators.stripe.data.events.filter(
      (e) => e.type === 'invoice.payment_failed' && e.data.object.id === invoice.id,
    );
    expect(failed).toHaveLength(1);
    const ok = await pay(invoice.hosted_invoice_url!, { number: '4242424242424242' });
    expect(ok.status).toBe(200);
    const paid = await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(paid.status).toBe('paid');
    // One PaymentIntent for the invoice, reused after the decline.
    expect(paid.payments!.data).toHaveLength(1);
  });

  it('rejects invalid input without charging', async () => {
    const invoice = await openInvoice();
    const cases: Array<[Record<string, string>, string]> = [
      [{ number: '4242 4242 4242 4241' }, 'Your card number is invalid.'],
      [{ number: '4242424242424242', exp: '01 / 20' }, 'expiration date is in the past'],
      [{ number: '4242424242424242', cvc: '1' }, 'security code is incomplete'],
      [{ number: '4111111111111111' }, 'non test card'],
    ];
    for (const [card, message] of cases) {
      const res = await pay(invoice.hosted_invoice_url!, card);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect((await stripe.invoices.retrieve(invoice.id)).attempt_count).toBe(0);
  });

  it('shows the dashboard with invoices and events', async () => {
    const page = await (await fetch(`${running.url}/_/stripe`)).text();
    expect(page).toContain('invoice.finalized');
    expect(page).toContain('payer@example.com');
    const index = await (await fetch(`${running.url}/_/`)).text();
    expect(index).toContain('href="/_/stripe"');
  });
});
