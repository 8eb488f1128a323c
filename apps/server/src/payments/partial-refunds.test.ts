import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { paymentInstalments, refunds, webhookEvents } from '@handled/db/schema';
import { refundBooking, voidBookingInvoices, reconcile } from '@handled/api/payments';
import {
  bookingRow,
  resetClock,
  acceptAndInvoice,
  bookingStatus,
  ledgerSum,
  leo,
  maya,
  payOnHostedPage,
  priya,
  sam,
  setProvider,
  waitFor,
} from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await setProvider(stack, sam, { depositBps: 3000, requiresUpfrontPayment: true });
  // Priya's walks cost $24 an hour; instalments start at $300.
  await setProvider(stack, priya, { hourlyRate: 12_000 });
}, 60_000);
afterAll(() => stack?.close());
afterEach(() => resetClock(stack));

const instalmentsOf = (bookingId: string) =>
  stack.deps.db.select().from(paymentInstalments).where(eq(paymentInstalments.bookingId, bookingId));

/** A booking whose first payment (Sam's 30% deposit, or the first of 3 instalments with Priya) is paid and whose rest is open. */
async function partlyPaid(kind: 'deposit' | 'instalments') {
  const { b, invoice } =
    kind === 'deposit'
      ? await acceptAndInvoice(stack, maya, sam)
      : await acceptAndInvoice(
          stack,
          leo,
          priya,
          3,
          async (id) => {
            await (await stack.clientAs(leo)).payments.choosePlan.mutate({ id, instalments: 3 });
          },
          // Instalments are for bookings of $300 or more, two weeks or more ahead, a week apart: three fit three weeks out.
          { startAfter: new Date(stack.deps.now().getTime() + 22 * 86_400_000) },
        );
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  const plan = (await instalmentsOf(b.id)).sort((x, y) => x.seq - y.seq);
  expect(plan.length).toBeGreaterThanOrEqual(2);
  const remote = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!);
  expect(remote).toMatchObject({ status: 'open', amount_paid: plan[0]!.amount, amount_remaining: b.price.total - plan[0]!.amount });
  return { b, invoice, plan, provider: kind === 'deposit' ? sam : priya };
}

async function settled() {
  await stack.emulators.emulators.stripe.idle();
  await waitFor('events processed', async () =>
    (await stack.deps.db.select().from(webhookEvents)).every((e) => e.status === 'processed' || e.status === 'ignored'),
  );
}

describe('refunds on a partly paid invoice (deposit, instalments)', () => {
  it.each(['deposit', 'instalments'] as const)(
    '%s: the provider cancels — the unpaid rest is cancelled on the invoice, the refund recorded with a credit note',
    async (kind) => {
      const { b, invoice, plan, provider } = await partlyPaid(kind);
      const first = plan[0]!;
      await (await stack.clientAs(provider)).lifecycle.cancel.mutate({ id: b.id, reason: 'Van broke down' });
      const cancelled = await bookingRow(stack, b.id);
      expect(cancelled.status).toBe('cancelled');
      const expectedRefund = first.amount - Math.min(first.amount, cancelled.cancellationFee ?? 0);
      expect(expectedRefund).toBe(first.amount); // the provider cancelled: everything paid goes back

      const closed = await waitFor('invoice closed', async () => {
        const inv = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!);
        return inv.status === 'paid' && inv.amount_remaining === 0 ? inv : null;
      });
      expect(closed.amount_paid).toBe(first.amount);
      // Every unpaid instalment's PaymentIntent is cancelled, and the instalments are void here.
      for (const rest of plan.slice(1))
        expect((await stack.deps.stripe.paymentIntents.retrieve(rest.stripePaymentIntentId!)).status).toBe('canceled');
      await waitFor('rest void', async () =>
        (await instalmentsOf(b.id)).filter((i) => i.seq !== first.seq).every((i) => i.status === 'void'),
      );

      const refund = await waitFor(
        'refund',
        async () => (await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, b.id)))[0],
      );
      expect(refund).toMatchObject({ amount: expectedRefund, status: 'succeeded' });
      expect(refund.stripeCreditNoteId).toMatch(/^cn_/);
      await settled();
      const notes = (await stack.deps.stripe.creditNotes.list({ invoice: invoice.stripeInvoiceId! })).data;
      // One note cancels what was still due (pre-payment); one records the refund (post-payment, linked to the Stripe refund).
      const pre = notes.filter((n) => n.pre_payment_amount > 0);
      expect(pre.map((n) => n.pre_payment_amount)).toEqual([b.price.total - first.amount]);
      const post = notes.filter((n) => n.post_payment_amount > 0);
      expect(post.map((n) => n.post_payment_amount)).toEqual([expectedRefund]);
      expect(post[0]!.refunds[0]?.amount_refunded).toBe(expectedRefund);

      // Doing it all again (a retried job, either order) changes nothing.
      await voidBookingInvoices(stack.deps, b.id);
      await refundBooking(stack.deps, { bookingId: b.id, amount: expectedRefund, reason: refund.reason, intentKey: refund.intentKey });
      expect((await stack.deps.stripe.creditNotes.list({ invoice: invoice.stripeInvoiceId! })).data).toHaveLength(notes.length);
      // The hosted page no longer takes money for it.
      expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBeGreaterThanOrEqual(400);
      expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    },
  );

  it('a refund while the booking goes on: Stripe would take a credit note off what is still due, so the refund stands alone and the rest can still be paid', async () => {
    const { b, invoice, plan } = await partlyPaid('deposit');
    await refundBooking(stack.deps, { bookingId: b.id, amount: 500, reason: 'goodwill', intentKey: `test:goodwill:${b.id}` });
    const [refund] = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, b.id));
    expect(refund).toMatchObject({ amount: 500, status: 'succeeded', stripeCreditNoteId: null });
    const remote = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!);
    expect(remote).toMatchObject({ status: 'open', amount_remaining: plan[1]!.amount });
    expect((await stack.deps.stripe.creditNotes.list({ invoice: invoice.stripeInvoiceId! })).data).toHaveLength(0);
    expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
    await waitFor('paid', async () => (await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!)).status === 'paid');
    await waitFor('instalments paid', async () => (await instalmentsOf(b.id)).every((i) => i.status === 'paid'));
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
  });

  it('the ledger reconciles with Stripe: no differences', async () => {
    await settled();
    const report = await reconcile(stack.deps.db, stack.deps.stripe);
    expect(report.bookings).toBeGreaterThanOrEqual(3);
    expect(report.differences).toEqual([]);
  });
});
