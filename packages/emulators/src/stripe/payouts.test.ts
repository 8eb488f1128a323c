import { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { listen } from '../testing.ts';

const SECRET = 'whsec_payouts';
const DAY = 86_400_000;
// A Tuesday.
let now = Date.parse('2026-03-03T10:00:00Z');
let running: RunningEmulators;
let receiver: Awaited<ReturnType<typeof listen>>;
let stripe: Stripe;
const events: Stripe.Event[] = [];

beforeAll(async () => {
  const verifier = new Stripe('sk_test_v');
  receiver = await listen(
    new Hono().post('/connect', async (c) => {
      events.push(verifier.webhooks.constructEvent(await c.req.text(), c.req.header('stripe-signature') ?? '', SECRET));
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

/** An onboarded Express account (with the given test bank account) holding `amount` from a transfer. */
async function fundedAccount(accountNumber: string, amount: number, schedule?: Stripe.AccountUpdateParams.Settings.Payouts.Schedule) {
  const account = await stripe.accounts.create({
    controller: { stripe_dashboard: { type: 'express' }, fees: { payer: 'application' }, losses: { payments: 'application' } },
    capabilities: { transfers: { requested: true } },
  });
  const { url } = await stripe.accountLinks.create({
    account: account.id,
    type: 'account_onboarding',
    refresh_url: 'http://app.test/r',
    return_url: 'http://app.test/ok',
  });
  await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ name: 'Pro', routing: '110000000', account_number: accountNumber }),
    redirect: 'manual',
  });
  if (schedule) await stripe.accounts.update(account.id, { settings: { payouts: { schedule } } });
  const customer = await stripe.customers.create({});
  const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 1 });
  await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: amount * 2, currency: 'usd' });
  await stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' });
  await stripe.transfers.create({ amount, currency: 'usd', destination: account.id });
  return account.id;
}

const control = (path: string, body: unknown = {}) =>
  fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
    (r) => r.json() as Promise<Record<string, unknown>>,
  );

describe('bank payouts of connected accounts', () => {
  it('pays out on the account schedule once funds are delay_days old: payout.created (in transit), then payout.paid on arrival', async () => {
    const account = await fundedAccount('000123456789', 4000, { interval: 'daily', delay_days: 2 });
    // Funds are too young on the day of the transfer.
    expect((await control('/_/stripe/payouts/run')).created).toEqual([]);
    now += 2 * DAY + 60_000;
    await control('/_/stripe/payouts/run');
    const [payout] = (await stripe.payouts.list({}, { stripeAccount: account })).data;
    expect(payout).toMatchObject({ amount: 4000, currency: 'usd', status: 'in_transit', automatic: true });
    expect((await stripe.balance.retrieve({}, { stripeAccount: account })).available[0]!.amount).toBe(0);
    // A second run the same day pays nothing more.
    await control('/_/stripe/payouts/run');
    expect((await stripe.payouts.list({}, { stripeAccount: account })).data).toHaveLength(1);
    now = payout!.arrival_date * 1000;
    await control('/_/stripe/payouts/run');
    expect((await stripe.payouts.retrieve(payout!.id, {}, { stripeAccount: account })).status).toBe('paid');
    await running.emulators.stripe.idle();
    const types = events.filter((e) => e.account === account && e.type.startsWith('payout.')).map((e) => e.type);
    expect(types).toEqual(['payout.created', 'payout.paid']);
  });

  it('a weekly schedule pays out only on its anchor day; manual never', async () => {
    const weekly = await fundedAccount('000123456789', 1500, { interval: 'weekly', weekly_anchor: 'friday', delay_days: 0 });
    const manual = await fundedAccount('000123456789', 1500, { interval: 'manual' });
    const friday = new Date(now);
    while (friday.getUTCDay() !== 5) friday.setTime(friday.getTime() + DAY);
    now = friday.getTime() - DAY; // Thursday
    await control('/_/stripe/payouts/run');
    expect((await stripe.payouts.list({}, { stripeAccount: weekly })).data).toHaveLength(0);
    now = friday.getTime();
    await control('/_/stripe/payouts/run');
    expect((await stripe.payouts.list({}, { stripeAccount: weekly })).data.map((p) => p.amount)).toEqual([1500]);
    expect((await stripe.payouts.list({}, { stripeAccount: manual })).data).toHaveLength(0);
  });

  it("a payout to Stripe's failing test bank account fails on arrival with its code and message; the funds return to the balance", async () => {
    const account = await fundedAccount('000111111116', 2500);
    const [made] = (await control(`/_/stripe/accounts/${account}/payouts`)) as unknown as Stripe.Payout[];
    expect(made).toMatchObject({ amount: 2500, status: 'in_transit', automatic: false });
    expect((await stripe.balance.retrieve({}, { stripeAccount: account })).available[0]!.amount).toBe(0);
    await control('/_/stripe/payouts/run', { at: made!.arrival_date });
    const failed = await stripe.payouts.retrieve(made!.id, {}, { stripeAccount: account });
    expect(failed).toMatchObject({ status: 'failed', failure_code: 'no_account' });
    expect(failed.failure_message).toMatch(/No bank account could be located/);
    expect((await stripe.balance.retrieve({}, { stripeAccount: account })).available[0]!.amount).toBe(2500);
    await running.emulators.stripe.idle();
    const ev = events.find((e) => e.type === 'payout.failed' && e.account === account);
    expect((ev?.data.object as Stripe.Payout | undefined)?.id).toBe(made!.id);
  });

  it('"pay out now" can be told to fail with a code', async () => {
    const account = await fundedAccount('000123456789', 900);
    const [made] = (await control(`/_/stripe/accounts/${account}/payouts`, { fail: 'account_closed' })) as unknown as Stripe.Payout[];
    await control('/_/stripe/payouts/run', { at: made!.arrival_date });
    expect(await stripe.payouts.retrieve(made!.id, {}, { stripeAccount: account })).toMatchObject({
      status: 'failed',
      failure_code: 'account_closed',
      failure_message: 'The bank account has been closed.',
    });
  });
});
