import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingEvents,
  invoices as invoicesTable,
  jobs,
  paymentInstalments,
  payments,
  payouts,
  refunds,
  webhookEvents,
} from '@handled/db/schema';
import { refundBooking, repriceInvoice, reconcile } from '@handled/api/payments';
import { priceBooking } from '@handled/core';
import {
  bookingRow,
  resetClock,
  setClock,
  DAY,
  HOUR,
  acceptAndInvoice as acceptInvoiceFlow,
  ana,
  bookingStatus,
  completeOnboarding,
  invoiceOf,
  leo,
  ledgerSum,
  maya,
  paidAndConfirmed as paidAndConfirmedFlow,
  payOnHostedPage,
  priya,
  sam,
  setProvider,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  // Connected-account events (account.updated, capability.updated) go to a Connect endpoint.
}, 60_000);
afterAll(() => stack?.close());
afterEach(() => {
  resetClock(stack);
  stack.emulators.emulators.stripe.setChaos({ failureRate: 0, webhookDuplicates: 0, webhookShuffleMs: 0 });
});

const acceptAndInvoice = (
  clientEmail: string,
  providerEmail: string,
  hours = 2,
  beforeAccept?: (id: string) => Promise<void>,
  opts: { startAfter?: Date } = {},
) => acceptInvoiceFlow(stack, clientEmail, providerEmail, hours, beforeAccept, opts);
/** Instalments are offered from $300 and two weeks ahead, a week apart (the fee policy's plan threshold). */
const weekAhead = () => ({ startAfter: new Date(stack.deps.now().getTime() + 16 * DAY) });
const paidAndConfirmed = (clientEmail: string, providerEmail: string) => paidAndConfirmedFlow(stack, clientEmail, providerEmail);

describe('Connect onboarding', () => {
  it('a provider who is not ready is told what to finish; onboarding through the link makes them ready via account.updated', async () => {
    const provider = await stack.clientAs(sam);
    const before = await provider.payouts.status.query();
    expect(before.state).toBe('not_started');
    const first = await provider.payouts.onboardingLink.mutate();
    const second = await provider.payouts.onboardingLink.mutate();
    expect(second.accountId).toBe(first.accountId); // one account, a fresh link each time
    expect(second.url).not.toBe(first.url);
    const acct = await stack.deps.stripe.accounts.retrieve(first.accountId);
    expect(acct.controller).toMatchObject({
      fees: { payer: 'application' },
      losses: { payments: 'application' },
      stripe_dashboard: { type: 'express' },
    });
    expect(await provider.payouts.status.query()).toMatchObject({ state: 'incomplete', payoutsEnabled: false });
    expect((await provider.payouts.status.query()).requirementsDue).toContain('external_account');

    const returnTo = await completeOnboarding(second.url);
    expect(returnTo).toContain('/payouts?connect=return');
    const ready = await waitFor('ready', async () => {
      const s = await provider.payouts.status.query();
      return s.state === 'ready' ? s : null;
    });
    expect(ready).toMatchObject({ chargesEnabled: true, payoutsEnabled: true, requirementsDue: [] });
    expect((await provider.payouts.setSchedule.mutate({ schedule: 'weekly' })).payoutSchedule).toBe('weekly');
    expect((await stack.deps.stripe.accounts.retrieve(first.accountId)).settings?.payouts?.schedule?.interval).toBe('weekly');
    await provider.payouts.setSchedule.mutate({ schedule: 'asap' });
  });
});

describe('deposits and instalments (partial payments on one invoice)', () => {
  it('a 30% deposit confirms the booking; the balance completes the invoice', async () => {
    await setProvider(stack, sam, { depositBps: 3000, requiresUpfrontPayment: true });
    try {
      const { b, invoice } = await acceptAndInvoice(maya, sam);
      const plan = await stack.deps.db.select().from(paymentInstalments).where(eq(paymentInstalments.bookingId, b.id));
      expect(plan.map((p) => p.kind).sort()).toEqual(['balance', 'deposit']);
      const deposit = plan.find((p) => p.kind === 'deposit')!;
      expect(deposit.amount).toBe(Math.round(b.price.total * 0.3));
      expect(plan.reduce((s, p) => s + p.amount, 0)).toBe(b.price.total);

      expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
      await waitFor('confirmed on deposit', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
      const client = await stack.clientAs(maya);
      let view = await client.payments.forBooking.query({ id: b.id });
      expect(view.status).toBe('partially_paid');
      expect(view.instalments.map((i) => i.status)).toEqual(['paid', 'open']);

      expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
      view = await waitFor('paid', async () => {
        const v = await client.payments.forBooking.query({ id: b.id });
        return v.status === 'paid' ? v : null;
      });
      expect(view.instalments.map((i) => i.status)).toEqual(['paid', 'paid']);
      const rows = await stack.deps.db.select().from(payments).where(eq(payments.bookingId, b.id));
      expect(rows.map((r) => r.amount).sort((x, y) => x - y)).toEqual(plan.map((p) => p.amount).sort((x, y) => x - y));
      expect((await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!)).status).toBe('paid');
    } finally {
      await setProvider(stack, sam, { depositBps: 10_000 });
    }
  });

  it('a declined card leaves the booking waiting and shows the payment failed', async () => {
    const { b, invoice } = await acceptAndInvoice(leo, priya, 1);
    expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!, '4000000000000002')).status).toBe(402);
    const view = await waitFor('failed', async () => {
      const v = await (await stack.clientAs(leo)).payments.forBooking.query({ id: b.id });
      return v.status === 'failed' ? v : null;
    });
    expect(view.instalments[0]?.status).toBe('failed');
    expect((await bookingStatus(stack, b.id))?.status).toBe('accepted');
    await (await stack.clientAs(leo)).lifecycle.cancel.mutate({ id: b.id, reason: 'Card trouble' });
    await waitFor('voided', async () => (await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!)).status === 'void');
  });

  it('two instalments: the first confirms; an overdue second reminds, then past the grace period the cancellation policy applies', async () => {
    const { b, invoice } = await acceptAndInvoice(
      leo,
      sam,
      3,
      async (id) => {
        const plan = await (await stack.clientAs(leo)).payments.choosePlan.mutate({ id, instalments: 2 });
        expect(plan.instalments).toHaveLength(2);
      },
      weekAhead(),
    );
    const plan = await stack.deps.db.select().from(paymentInstalments).where(eq(paymentInstalments.bookingId, b.id));
    expect(plan.filter((p) => p.invoiceId).map((p) => p.kind)).toEqual(['instalment', 'instalment']);
    expect(plan.reduce((s, p) => s + p.amount, 0)).toBe(b.price.total);
    // Both before the job, a week apart; the last two days before it, so a late one is settled before the start.
    for (const p of plan) expect(p.dueAt.getTime()).toBeLessThanOrEqual(new Date(b.startsAt).getTime() - 48 * HOUR);
    const [d1, d2] = plan.map((p) => p.dueAt.getTime()).sort((x, y) => x - y);
    expect(d2! - d1!).toBeGreaterThanOrEqual(7 * DAY - HOUR);
    expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
    await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');

    const second = plan.find((p) => p.seq === 2)!;
    setClock(stack, second.dueAt.getTime() + HOUR);
    const overdue = await waitFor('overdue', async () => {
      const v = await (await stack.clientAs(leo)).payments.forBooking.query({ id: b.id });
      return v.status === 'overdue' ? v : null;
    });
    expect(overdue.instalments.map((i) => i.status)).toEqual(['paid', 'overdue']);
    const stuck = await (await stack.clientAs(ana)).adminPayments.stuck.query();
    expect(stuck.overdueInstalments.some((i) => i.bookingId === b.id)).toBe(true);

    setClock(stack, second.dueAt.getTime() + 4 * DAY);
    const cancelled = await waitFor('cancelled', async () => {
      const row = await bookingStatus(stack, b.id);
      return row?.status === 'cancelled' ? row : null;
    });
    // The system cancelled (not the client, as the audit trail used to say), at the client's cost.
    expect(cancelled.cancelledBy).toBe('system');
    expect(cancelled.cancellationReason).toMatch(/overdue/);
    const [cancelEvent] = await stack.deps.db
      .select()
      .from(bookingEvents)
      .where(and(eq(bookingEvents.bookingId, b.id), eq(bookingEvents.type, 'booking.cancelled')));
    expect(cancelEvent).toMatchObject({ fromStatus: 'confirmed', toStatus: 'cancelled', actorKind: 'system', actorId: null });
    expect(cancelEvent?.reason).toMatch(/overdue/);
    // The machine's effects ran: the unpaid rest can no longer be paid (Stripe does not void a partly
    // paid invoice: its second PaymentIntent is cancelled and a pre-payment credit note closes it),
    // and whatever the policy refunds went back.
    const closed = await waitFor('closed', async () => {
      const inv = await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!);
      return inv.status === 'paid' && inv.amount_remaining === 0 ? inv : null;
    });
    expect(closed.amount_paid).toBe(plan.find((p) => p.seq === 1)!.amount);
    const notes = (await stack.deps.stripe.creditNotes.list({ invoice: invoice.stripeInvoiceId! })).data;
    expect(notes.find((n) => n.pre_payment_amount === second.amount)).toBeTruthy();
    expect((await stack.deps.stripe.paymentIntents.retrieve(second.stripePaymentIntentId!)).status).toBe('canceled');
    await waitFor(
      'second void',
      async () => (await stack.deps.db.select().from(paymentInstalments).where(eq(paymentInstalments.id, second.id)))[0]?.status === 'void',
    );
    const paidFirst = plan.find((p) => p.seq === 1)!.amount;
    const owedFee = cancelled.cancellationFee ?? 0;
    if (paidFirst > owedFee) {
      const [refund] = await waitFor('refund', async () => {
        const rows = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, b.id));
        return rows.length ? rows : null;
      });
      expect(refund!.amount).toBe(paidFirst - owedFee);
    }
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
  });

  it('a changed price: an unpaid invoice is voided and issued again; a paid one gets an invoice for the difference', async () => {
    const { b, invoice } = await acceptAndInvoice(maya, priya, 1);
    const at = (h: number) =>
      priceBooking({ hourlyRate: b.price.hourlyRate, currency: b.price.currency, hours: h, taxBps: b.price.taxBps });
    const p2 = at(2);
    await repriceInvoice(stack.deps, { bookingId: b.id, eventId: `test-1-${b.id}`, newTotal: p2.total, price: p2 });
    expect((await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!)).status).toBe('void');
    const live = (await stack.deps.db.select().from(invoicesTable).where(eq(invoicesTable.bookingId, b.id))).filter(
      (i) => i.status !== 'void',
    );
    expect(live).toHaveLength(1);
    expect(live[0]!.total).toBe(p2.total);
    expect((await payOnHostedPage(stack, live[0]!.stripeInvoiceId!)).status).toBe(303);
    await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
    const p3 = at(3);
    await repriceInvoice(stack.deps, { bookingId: b.id, eventId: `test-2-${b.id}`, newTotal: p3.total, price: p3 });
    await repriceInvoice(stack.deps, { bookingId: b.id, eventId: `test-2-${b.id}`, newTotal: p3.total, price: p3 });
    const after = (await stack.deps.db.select().from(invoicesTable).where(eq(invoicesTable.bookingId, b.id))).filter(
      (i) => i.status !== 'void',
    );
    expect(after.map((i) => i.total).sort((x, y) => x - y)).toEqual([p3.total - p2.total, p2.total].sort((x, y) => x - y));
    // A lower price on a paid booking: the unpaid difference is voided and the rest refunded (on a credit note).
    await repriceInvoice(stack.deps, { bookingId: b.id, eventId: `test-3-${b.id}`, newTotal: p2.total - 500, price: p2 });
    const [refund] = await stack.deps.db
      .select()
      .from(refunds)
      .where(eq(refunds.intentKey, `reprice:test-3-${b.id}`));
    expect(refund).toMatchObject({ amount: 500, status: 'succeeded' });
    expect(refund!.stripeCreditNoteId).toMatch(/^cn_/);
    expect(
      (await stack.deps.db.select().from(invoicesTable).where(eq(invoicesTable.bookingId, b.id))).filter((i) => i.status !== 'void'),
    ).toHaveLength(1);
  });
});

describe('payouts after the job', () => {
  it('after the client confirms, one transfer of the earnings from the charge, grouped by booking; a retried job pays once', async () => {
    const samId = await userId(stack, sam);
    const { b } = await paidAndConfirmed(maya, sam);
    const payout = await waitFor('payout paid', async () => {
      const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
      return p?.status === 'paid' ? p : null;
    });
    expect(payout.amount).toBe(b.price.providerEarnings);
    const transfers = await stack.deps.stripe.transfers.list({ transfer_group: b.id });
    expect(transfers.data).toHaveLength(1);
    expect(transfers.data[0]).toMatchObject({
      amount: b.price.providerEarnings,
      source_transaction: payout.stripeChargeId,
      metadata: { booking_id: b.id, provider_id: samId },
    });

    // The job runs again (a crash after the transfer): still one transfer.
    const ran = (await stack.deps.db.select().from(jobs)).filter((j) => j.type === 'payout.transfer' && j.payload['bookingId'] === b.id);
    await stack.deps.db.update(payouts).set({ status: 'scheduled' }).where(eq(payouts.id, payout.id));
    for (const j of ran)
      await stack.deps.db
        .update(jobs)
        .set({ status: 'pending', runAt: new Date(0) })
        .where(eq(jobs.id, j.id));
    await waitFor(
      'paid again',
      async () => (await stack.deps.db.select().from(payouts).where(eq(payouts.id, payout.id)))[0]?.status === 'paid',
    );
    expect((await stack.deps.stripe.transfers.list({ transfer_group: b.id })).data).toHaveLength(1);

    const provider = await stack.clientAs(sam);
    expect((await provider.payouts.list.query({ limit: 50 })).find((p) => p.bookingId === b.id)).toMatchObject({
      status: 'paid',
      amount: b.price.providerEarnings,
    });
    const earnings = await provider.payouts.earnings.query();
    expect(earnings.currencies[0]!.paid).toBeGreaterThanOrEqual(b.price.providerEarnings);
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);

    // Refund after the transfer: the provider's share comes back by a reversal, a credit note records it.
    await refundBooking(stack.deps, { bookingId: b.id, amount: b.price.total, reason: 'goodwill', intentKey: `test:after:${b.id}` });
    await refundBooking(stack.deps, { bookingId: b.id, amount: b.price.total, reason: 'goodwill', intentKey: `test:after:${b.id}` });
    const tr = await stack.deps.stripe.transfers.retrieve(payout.stripeTransferId!);
    expect(tr.amount_reversed).toBe(b.price.providerEarnings);
    const [refund] = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, b.id));
    expect(refund).toMatchObject({ amount: b.price.total, reversed: b.price.providerEarnings, unrecovered: 0, status: 'succeeded' });
    const notes = await stack.deps.stripe.creditNotes.list({ invoice: (await invoiceOf(stack, b.id)).stripeInvoiceId! });
    expect(notes.data).toHaveLength(1);
    expect(notes.data[0]!.amount).toBe(b.price.total);
    expect((await bookingRow(stack, b.id)).paymentStatus).toBe('refunded');
  });

  it('a provider who is not ready can be booked and paid; the payout waits until onboarding, then goes out', async () => {
    const { b } = await paidAndConfirmed(leo, priya);
    const held = await waitFor('held', async () => {
      const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
      return p?.holdReason === 'provider_not_ready' ? p : null;
    });
    expect(held.status).toBe('scheduled');
    const provider = await stack.clientAs(priya);
    expect((await provider.payouts.status.query()).message).toMatch(/wait/);
    // Refund before the transfer: from the platform's balance, the unpaid earnings shrink.
    await refundBooking(stack.deps, { bookingId: b.id, amount: 1000, reason: 'partial goodwill', intentKey: `test:before:${b.id}` });
    const after = (await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]!;
    expect(after.amount).toBeLessThan(held.amount);
    const link = await provider.payouts.onboardingLink.mutate();
    await completeOnboarding(link.url);
    const paid = await waitFor('paid', async () => {
      const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
      return p?.status === 'paid' ? p : null;
    });
    expect((await stack.deps.stripe.transfers.retrieve(paid.stripeTransferId!)).amount).toBe(after.amount);
  });

  it('a card dispute freezes the payout, shows to an admin, and a won dispute releases it', async () => {
    await setProvider(stack, sam, { payoutSchedule: 'weekly' });
    try {
      const { b } = await paidAndConfirmed(maya, sam);
      await waitFor(
        'scheduled',
        async () => (await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]?.status === 'scheduled',
      );
      const [pay] = await stack.deps.db.select().from(payments).where(eq(payments.bookingId, b.id));
      const res = await fetch(`${stack.emulatorsUrl}/_/stripe/charges/${pay!.stripeChargeId}/dispute`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'product_not_received' }),
      });
      const dispute = (await res.json()) as { id: string };
      await waitFor(
        'frozen',
        async () => (await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]?.status === 'frozen',
      );
      const admin = await stack.clientAs(ana);
      expect((await admin.adminPayments.disputes.query()).find((d) => d.stripeDisputeId === dispute.id)).toMatchObject({
        bookingId: b.id,
        status: 'needs_response',
      });
      expect((await admin.adminPayments.stuck.query()).heldPayouts.find((p) => p.bookingId === b.id)?.holdReason).toBe('card_dispute');
      await fetch(`${stack.emulatorsUrl}/_/stripe/disputes/${dispute.id}/close`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'won' }),
      });
      const released = await waitFor('released', async () => {
        const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
        return p?.status === 'scheduled' && !p.holdReason ? p : null;
      });
      expect(released.scheduledFor!.getUTCDay()).toBe(1); // next Monday
      expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    } finally {
      await setProvider(stack, sam, { payoutSchedule: 'asap' });
    }
  });
});

describe('faults', () => {
  it('every webhook delivered 3 times in shuffled order gives one outcome', async () => {
    const seenBefore = stack.emulators.emulators.stripe.deliveries.length;
    stack.emulators.emulators.stripe.setChaos({ webhookDuplicates: 2, webhookShuffleMs: 300, seed: 11 });
    const { b } = await paidAndConfirmed(leo, sam);
    await waitFor(
      'payout',
      async () => (await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]?.status === 'paid',
    );
    await stack.emulators.emulators.stripe.idle();
    const rows = await stack.deps.db.select().from(payments).where(eq(payments.bookingId, b.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount).toBe(b.price.total);
    expect((await bookingRow(stack, b.id)).status).toBe('completed');
    const confirmations = (await (await stack.clientAs(leo)).bookings.get.query({ id: b.id })).timeline.filter((e) => e.to === 'confirmed');
    expect(confirmations).toHaveLength(1);
    const deliveries = stack.emulators.emulators.stripe.deliveries.slice(seenBefore).filter((d) => d.type === 'invoice.paid');
    const ids = new Set(deliveries.map((d) => d.eventId));
    expect(deliveries.length).toBeGreaterThanOrEqual(ids.size * 3);
  });

  it('30% of Stripe calls failing: every invoice, transfer and refund is still created exactly once', async () => {
    stack.emulators.emulators.stripe.setChaos({ failureRate: 0.3, seed: 5 });
    const { b } = await paidAndConfirmed(maya, sam);
    const payout = await waitFor(
      'payout',
      async () => {
        const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
        return p?.status === 'paid' ? p : null;
      },
      90_000,
    );
    await refundBooking(stack.deps, { bookingId: b.id, amount: 500, reason: 'chaos', intentKey: `test:chaos:${b.id}` })
      .catch(() => refundBooking(stack.deps, { bookingId: b.id, amount: 500, reason: 'chaos', intentKey: `test:chaos:${b.id}` }))
      .catch(() => refundBooking(stack.deps, { bookingId: b.id, amount: 500, reason: 'chaos', intentKey: `test:chaos:${b.id}` }));
    stack.emulators.emulators.stripe.setChaos({ failureRate: 0 });
    const data = stack.emulators.emulators.stripe.data;
    expect(Object.values(data.invoices).filter((i) => i.metadata['booking_id'] === b.id)).toHaveLength(1);
    expect(Object.values(data.transfers).filter((t) => t.transfer_group === b.id)).toHaveLength(1);
    expect(Object.values(data.transfers).find((t) => t.transfer_group === b.id)?.amount).toBe(payout.amount);
    const refundsMade = Object.values(data.refunds).filter((r) => r.metadata['booking_id'] === b.id);
    expect(refundsMade.reduce((s, r) => s + r.amount, 0)).toBe(500);
  }, 120_000);
});

describe('ledger and reconciliation', () => {
  it('the ledger sums to zero per booking and overall, and reconciles with Stripe', async () => {
    // Events that arrived while a test had moved the clock forward are due at that time: jump past it.
    setClock(stack, Date.now() + 30 * DAY);
    await stack.emulators.emulators.stripe.idle();
    await waitFor('events processed', async () => {
      const open = (await stack.deps.db.select().from(webhookEvents)).filter((e) => e.status === 'received' || e.status === 'failed');
      return open.length === 0;
    });
    const { sum, rows } = await ledgerSum(stack);
    expect(rows.length).toBeGreaterThan(10);
    expect(sum).toBe(0);
    const report = await reconcile(stack.deps.db, stack.deps.stripe);
    expect(report.bookings).toBeGreaterThan(3);
    expect(report.differences).toEqual([]);
    const viaApi = await (await stack.clientAs(ana)).adminPayments.reconcile.mutate();
    expect(viaApi.differences).toEqual([]);
    const monitoring = await (await stack.clientAs(ana)).adminPayments.monitoring.query();
    expect(monitoring.webhookCounts['processed']).toBeGreaterThan(5);
  }, 60_000);
});
