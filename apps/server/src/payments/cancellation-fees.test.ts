import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, payouts, refunds, webhookEvents } from '@handled/db/schema';
import { reconcile } from '@handled/api/payments';
import { accounts, cancellationFeeSplit } from '@handled/core/payments';
import {
  acceptAndInvoice,
  bookingRow,
  bookingStatus,
  HOUR,
  ledgerSum,
  leo,
  maya,
  MIN,
  onboardProvider,
  payOnHostedPage,
  resetClock,
  sam,
  setClock,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';

/*
 * A late cancellation's or a client no-show's fee reaches the provider by the same path as a job's
 * earnings: the fee less the commission of the booking's fee policy, one transfer after the refund,
 * in the ledger and reconciled with Stripe — exactly once, whatever Stripe and its webhooks do.
 */
let stack: TestStack;
let samId: string;
beforeAll(async () => {
  stack = await startTestStack();
  await onboardProvider(stack, sam);
  samId = await userId(stack, sam);
}, 60_000);
afterAll(() => stack?.close());
afterEach(async () => {
  // Settle on the test's own clock: a webhook retried after a transient failure has its backoff
  // counted on that (later) clock, and would not come due for days once the clock is set back.
  stack.emulators.emulators.stripe.setChaos({ failureRate: 0, webhookDuplicates: 0, webhookShuffleMs: 0 });
  await settled();
  resetClock(stack);
}, 120_000);

const stripe = () => stack.emulators.emulators.stripe;
const startOf = (b: { startsAt: string }) => new Date(b.startsAt).getTime();

/**
 * Sam's booking (flexible policy), paid in full with 4242 on the hosted page: confirmed. It starts
 * at least 12 h from now, so the tests' clock (10 h or 2 h before the start) only ever moves
 * forward: set back before now, the webhooks ingested at the real time would not come due.
 */
async function paidBooking(client: string, hours = 1) {
  const startAfter = new Date(stack.deps.now().getTime() + 12 * HOUR);
  const { b, invoice } = await acceptAndInvoice(stack, client, sam, hours, undefined, { startAfter });
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed', 90_000);
  return b;
}

async function payoutOf(bookingId: string) {
  const [p] = await stack.deps.db
    .select()
    .from(payouts)
    .where(and(eq(payouts.bookingId, bookingId), eq(payouts.kind, 'earnings')));
  return p;
}

/** Every webhook delivered and processed, and the job queue idle for this booking's money. */
async function settled() {
  await stripe().idle();
  await waitFor(
    'events processed',
    async () => (await stack.deps.db.select().from(webhookEvents)).every((e) => e.status === 'processed' || e.status === 'ignored'),
    90_000,
  );
}

/** Every event Stripe sent about these bookings, delivered again (a replay storm). */
async function replayEvents() {
  const ids = [...new Set(stripe().deliveries.map((d) => d.eventId))];
  for (const id of ids) stripe().redeliver(id);
  await settled();
}

/** Exactly one transfer to Sam for the booking, of the fee less commission; the ledger and Stripe agree. */
async function expectOneFeeTransfer(bookingId: string, reason: 'late_cancellation' | 'no_show') {
  const row = await bookingRow(stack, bookingId);
  const fee = row.cancellationFee ?? 0;
  expect(fee).toBeGreaterThan(0);
  const share = cancellationFeeSplit(row.price, fee).providerEarnings;
  expect(share).toBe(fee - Math.round((fee * row.price.fees.providerCommissionBps) / 10_000));
  const payout = await waitFor(
    'fee paid out',
    async () => {
      const p = await payoutOf(bookingId);
      return p?.status === 'paid' ? p : null;
    },
    120_000,
  );
  expect(payout).toMatchObject({ providerId: samId, reason, amount: share });
  const transfers = Object.values(stripe().data.transfers).filter((t) => t.transfer_group === bookingId);
  expect(transfers).toHaveLength(1);
  expect(transfers[0]).toMatchObject({ amount: share, id: payout.stripeTransferId });
  // The client got back everything beyond the fee, once.
  const back = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, bookingId));
  expect(back.reduce((s, r) => s + r.amount, 0)).toBe(row.price.total - fee);
  const refundsMade = Object.values(stripe().data.refunds).filter((r) => r.metadata['booking_id'] === bookingId);
  expect(refundsMade.reduce((s, r) => s + r.amount, 0)).toBe(row.price.total - fee);
  // In the ledger: the share is Sam's and went out; the commission is the platform's; the booking is at zero.
  const entries = await stack.deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.bookingId, bookingId));
  const on = (account: string) => entries.filter((e) => e.account === account).reduce((s, e) => s + e.amount, 0);
  expect(on(accounts.providerPayable(samId))).toBe(0);
  expect(entries.filter((e) => e.account === accounts.providerPayable(samId) && e.kind === 'transfer')[0]?.amount).toBe(share);
  expect(on(accounts.fees)).toBe(-(fee - share));
  expect((await ledgerSum(stack, bookingId)).sum).toBe(0);
  return { fee, share, payout };
}

describe('fees paid to the provider', () => {
  it('a late client cancellation: the quote names Sam’s share, the refund goes first, then one transfer of the fee less commission', async () => {
    const b = await paidBooking(maya);
    setClock(stack, startOf(b) - 10 * HOUR, { running: true });
    const client = await stack.clientAs(maya);
    const quote = await client.lifecycle.cancellationQuote.query({ id: b.id });
    if (!quote.allowed) throw new Error('cancelling is not allowed');
    expect(quote.fee).toBe(Math.round(b.price.service / 2));
    expect(quote.providerShare).toBe(cancellationFeeSplit(b.price, quote.fee).providerEarnings);
    await client.lifecycle.cancel.mutate({ id: b.id, reason: 'Plans changed', expectedFee: quote.fee });
    // The page renders from the booking's state after the command: no Pay, the money as settled.
    const view = await client.bookings.get.query({ id: b.id });
    expect(view.status).toBe('cancelled');
    expect(view.settlement).toMatchObject({ fee: quote.fee, refund: b.price.total - quote.fee, providerShare: quote.providerShare });
    const { share } = await expectOneFeeTransfer(b.id, 'late_cancellation');
    expect(share).toBe(quote.providerShare);
    // On Sam's payouts, with its reason.
    const list = await (await stack.clientAs(sam)).payouts.list.query({ limit: 200 });
    expect(list.find((p) => p.bookingId === b.id)).toMatchObject({ reason: 'late_cancellation', status: 'paid', amount: share });
    // Both sides were told, with the reason, the fee and the refund.
    const emails = await waitFor('emails to both', async () => {
      const sent = stack.emulators.emulators.resend.emails.filter((m) => m.subject === `Booking ${b.reference} cancelled`);
      return sent.length >= 2 ? sent : null;
    });
    const fmt = (amount: number) => `$${(amount / 100).toFixed(2)}`;
    const toMaya = emails.find((m) => m.to.includes(maya))?.text ?? '';
    expect(toMaya).toContain('You cancelled');
    expect(toMaya).toContain('"Plans changed"');
    expect(toMaya).toContain(fmt(quote.fee));
    expect(toMaya).toContain(`${fmt(b.price.total - quote.fee)} goes back to your card`);
    const toSam = emails.find((m) => m.to.includes(sam))?.text ?? '';
    expect(toSam).toContain('"Plans changed"');
    expect(toSam).toContain(`You receive ${fmt(share)} of the ${fmt(quote.fee)} late-cancellation fee`);
  }, 180_000);

  it('a client no-show: the fee a cancellation then would cost, less commission, to Sam in one transfer', async () => {
    const b = await paidBooking(leo);
    setClock(stack, startOf(b) + 20 * MIN, { running: true });
    await (await stack.clientAs(sam)).lifecycle.reportNoShow.mutate({ id: b.id, reason: 'Nobody answered the door' });
    expect((await bookingRow(stack, b.id)).status).toBe('no_show');
    await expectOneFeeTransfer(b.id, 'no_show');
  }, 180_000);

  it('a provider cancellation stays free for the client and pays the provider nothing', async () => {
    const b = await paidBooking(maya);
    setClock(stack, startOf(b) - 2 * HOUR, { running: true });
    await (await stack.clientAs(sam)).lifecycle.cancel.mutate({ id: b.id, reason: 'Van broke down' });
    const back = await waitFor('refunded', async () => {
      const rows = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, b.id));
      return rows.length ? rows : null;
    });
    expect(back[0]!.amount).toBe(b.price.total);
    expect((await bookingRow(stack, b.id)).cancellationFee).toBe(0);
    await settled();
    expect(await payoutOf(b.id)).toBeUndefined();
    expect(Object.values(stripe().data.transfers).filter((t) => t.transfer_group === b.id)).toHaveLength(0);
  }, 120_000);

  it('under a 30% failing Stripe and every webhook replayed: still one transfer each, and reconciliation finds no difference', async () => {
    stripe().setChaos({ failureRate: 0.3, webhookDuplicates: 2, webhookShuffleMs: 150, seed: 14 });
    const late = await paidBooking(maya);
    const noShow = await paidBooking(leo);
    setClock(stack, startOf(late) - 10 * HOUR, { running: true });
    const quote = await (await stack.clientAs(maya)).lifecycle.cancellationQuote.query({ id: late.id });
    await (
      await stack.clientAs(maya)
    ).lifecycle.cancel.mutate({
      id: late.id,
      reason: 'Something came up',
      ...(quote.allowed ? { expectedFee: quote.fee } : {}),
    });
    setClock(stack, startOf(noShow) + 20 * MIN, { running: true });
    await (await stack.clientAs(sam)).lifecycle.reportNoShow.mutate({ id: noShow.id });
    await expectOneFeeTransfer(late.id, 'late_cancellation');
    await expectOneFeeTransfer(noShow.id, 'no_show');
    stripe().setChaos({ failureRate: 0, webhookDuplicates: 0, webhookShuffleMs: 0 });
    await settled();
    await replayEvents();
    await expectOneFeeTransfer(late.id, 'late_cancellation');
    await expectOneFeeTransfer(noShow.id, 'no_show');
    const report = await reconcile(stack.deps.db, stack.deps.stripe);
    expect(report.differences).toEqual([]);
    expect(report.bookings - report.seededBookings).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
