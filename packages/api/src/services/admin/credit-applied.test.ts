import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { ledgerEntries, payments, refunds } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { acceptAndInvoice, bookingStatus, ledgerSum, payOnHostedPage, userId, waitFor } from '@handled/testing/fixtures';

/**
 * An operator's credit on the client's Stripe customer balance is taken off their next invoice at
 * finalization (the Stripe emulator does what Stripe does): the booking is paid by the credit and
 * the card together, the ledger takes the credit out of `client_credit:<client>`, a refund gives
 * the card back what it was charged and the credit back to the balance, and reconciliation agrees.
 */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let ana: Client;
let mayaId: string;
let customerId: string;
let firstId: string;

const creditAccountSum = async () => {
  const rows = await stack.deps.db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, `client_credit:${mayaId}`));
  return rows.reduce((s, r) => s + r.amount, 0);
};
const stripeBalance = async () => ((await stack.deps.stripe.customers.retrieve(customerId)) as Stripe.Customer).balance;
const credit = async (amount: number, reason: string) => {
  const { txId } = await ana.operator.credit.mutate({ bookingId: firstId, amount, reason });
  await waitFor(
    'the credit in the ledger',
    async () => (await stack.deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.txId, txId))).length > 0,
  );
};
const paymentsOf = (bookingId: string) => stack.deps.db.select().from(payments).where(eq(payments.bookingId, bookingId));

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  ana = await stack.clientAs(demoEmails.ana);
  mayaId = await userId(stack, demoEmails.maya);
  // Maya's first booking makes her a Stripe customer (a credit needs one).
  const { b } = await acceptAndInvoice(stack, demoEmails.maya, demoEmails.sam);
  firstId = b.id;
  customerId = (await stack.deps.stripe.customers.list({ email: demoEmails.maya })).data[0]!.id;
}, 120_000);
afterAll(() => stack?.close());

describe('a credit taken off the next invoice', () => {
  let paidId: string;
  let total: number;

  it('Maya is credited 12.50, books, and pays the rest on the hosted page: confirmed, ledger right, balance back to 0, reconciled', async () => {
    await credit(1250, 'Sorry for the wait on the phone');
    expect(await stripeBalance()).toBe(-1250);
    expect(await creditAccountSum()).toBe(-1250);

    const { b, invoice } = await acceptAndInvoice(stack, demoEmails.maya, demoEmails.sam);
    paidId = b.id;
    const remote = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!);
    total = remote.total;
    expect(remote).toMatchObject({ status: 'open', starting_balance: -1250, ending_balance: 0, amount_due: total - 1250 });
    expect(await stripeBalance()).toBe(0);
    // Taken off the invoice, but not paid yet: still owed to Maya in the ledger, and not money in.
    expect(await creditAccountSum()).toBe(-1250);
    expect((await bookingStatus(stack, b.id))?.status).toBe('accepted');

    expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
    await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
    const paid = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: total - 1250 });
    expect((await bookingStatus(stack, b.id))?.paymentStatus).toBe('paid');

    const rows = await paymentsOf(b.id);
    expect(rows.map((r) => [r.amount, r.stripePaymentIntentId?.startsWith('balance:') ?? false]).sort()).toEqual(
      [
        [1250, true],
        [total - 1250, false],
      ].sort(),
    );
    const applied = await stack.deps.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.txId, `credit:applied:${invoice.stripeInvoiceId}`));
    expect(applied.map((r) => [r.account, r.amount]).sort()).toEqual(
      [
        [`client_credit:${mayaId}`, 1250],
        [`client_funds:${b.id}`, -1250],
      ].sort(),
    );
    const charged = await stack.deps.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.bookingId, b.id), like(ledgerEntries.txId, 'charge:%'), eq(ledgerEntries.account, 'stripe_balance')));
    expect(charged.reduce((s, r) => s + r.amount, 0)).toBe(total - 1250);
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    // What Maya was owed is used up, as on Stripe.
    expect(await creditAccountSum()).toBe(0);
    const view = await ana.operator.booking.query({ bookingId: b.id });
    expect(view.amountPaid).toBe(total);
    expect((await ana.adminPayments.reconcile.mutate()).differences).toEqual([]);
  }, 90_000);

  it('a full refund gives the card what it was charged and the credit back to the balance; reconciled', async () => {
    const view = await ana.operator.cancel.mutate({
      bookingId: paidId,
      reason: 'Maya moved away; agreed on the phone',
      refund: { kind: 'full' },
    });
    expect(view.status).toBe('cancelled');
    const refund = await waitFor('refund', async () => {
      const [r] = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, paidId));
      return r?.status === 'succeeded' ? r : null;
    });
    expect(refund.amount).toBe(total);
    const charge = await stack.deps.stripe.charges.retrieve(refund.stripeChargeId!);
    expect(charge.amount_refunded).toBe(total - 1250);
    expect(charge.amount_refunded).toBe(charge.amount);
    expect(await stripeBalance()).toBe(-1250);
    expect(await creditAccountSum()).toBe(-1250);
    const back = await stack.deps.stripe.customers.listBalanceTransactions(customerId, { limit: 1 });
    expect(back.data[0]).toMatchObject({ amount: -1250, type: 'adjustment', metadata: expect.objectContaining({ booking_id: paidId }) });
    expect((await paymentsOf(paidId)).every((r) => r.status === 'refunded')).toBe(true);
    expect((await ledgerSum(stack, paidId)).sum).toBe(0);
    expect((await ana.adminPayments.reconcile.mutate()).differences).toEqual([]);
  }, 90_000);

  it('a credit larger than the invoice pays it at finalization with nothing charged: confirmed, the rest kept', async () => {
    await credit(60_000, 'A month of trouble with the booking');
    const held = 1250 + 60_000;
    expect(await stripeBalance()).toBe(-held);
    const { b, invoice } = await acceptAndInvoice(stack, demoEmails.maya, demoEmails.sam);
    const remote = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!, { expand: ['payments'] });
    expect(remote).toMatchObject({
      status: 'paid',
      amount_due: 0,
      amount_paid: 0,
      starting_balance: -held,
      ending_balance: -(held - remote.total),
    });
    expect(remote.payments?.data ?? []).toEqual([]);
    await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
    expect((await bookingStatus(stack, b.id))?.paymentStatus).toBe('paid');
    const rows = await paymentsOf(b.id);
    expect(rows).toEqual([expect.objectContaining({ amount: remote.total, stripeChargeId: null, status: 'succeeded' })]);
    expect(await stripeBalance()).toBe(-(held - remote.total));
    expect(await creditAccountSum()).toBe(-(held - remote.total));
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    expect((await ana.adminPayments.reconcile.mutate()).differences).toEqual([]);
  }, 90_000);
});
