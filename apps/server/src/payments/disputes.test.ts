import { and, eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, payments, payouts, webhookEvents } from '@handled/db/schema';
import { reconcile } from '@handled/api/payments';
import { accounts } from '@handled/core/payments';
import {
  resetClock,
  emulatorControl,
  ledgerSum,
  leo,
  maya,
  onboardProvider,
  paidAndConfirmed,
  paidPayout,
  sam,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
let account: string;
beforeAll(async () => {
  stack = await startTestStack();
  account = await onboardProvider(stack, sam);
}, 60_000);
afterAll(() => stack?.close());
afterEach(() => {
  resetClock(stack);
  stack.emulators.emulators.stripe.setChaos({ webhookDuplicates: 0, webhookShuffleMs: 0 });
});

/** A job paid out to the provider, then a card dispute on its charge, decided by the bank. */
async function disputedAfterPayout(client: string, outcome: 'won' | 'lost', beforeClose?: (earnings: number) => Promise<void>) {
  const { b } = await paidAndConfirmed(stack, client, sam);
  const payout = await paidPayout(stack, b.id);
  const [pay] = await stack.deps.db.select().from(payments).where(eq(payments.bookingId, b.id));
  const dispute = await emulatorControl<{ id: string; amount: number }>(stack, `/_/stripe/charges/${pay!.stripeChargeId}/dispute`, {
    reason: 'fraudulent',
  });
  await waitFor(
    'hold',
    async () => (await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id)))[0]?.holdReason === 'card_dispute',
  );
  if (beforeClose) await beforeClose(payout.amount);
  await emulatorControl(stack, `/_/stripe/disputes/${dispute.id}/close`, { outcome });
  return { b, payout, dispute };
}

/** Every webhook delivered and processed. */
async function settled() {
  await stack.emulators.emulators.stripe.idle();
  await waitFor('events processed', async () =>
    (await stack.deps.db.select().from(webhookEvents)).every((e) => e.status === 'processed' || e.status === 'ignored'),
  );
}

describe('a card dispute after the provider was paid', () => {
  it("lost: the provider's share comes back by reversing their transfer, once, however often the events arrive", async () => {
    stack.emulators.emulators.stripe.setChaos({ webhookDuplicates: 2, webhookShuffleMs: 200, seed: 3 });
    const { b, payout, dispute } = await disputedAfterPayout(maya, 'lost');
    expect(dispute.amount).toBe(b.price.total);
    const after = await waitFor('reversed', async () => {
      const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
      return p && p.amountReversed > 0 ? p : null;
    });
    expect(after).toMatchObject({ amountReversed: payout.amount, amountOwed: 0, status: 'reversed', holdReason: 'dispute_lost' });
    await settled();
    const [final] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
    expect(final!.amountReversed).toBe(payout.amount);
    const tr = await stack.deps.stripe.transfers.retrieve(payout.stripeTransferId!);
    expect(tr.amount_reversed).toBe(payout.amount);
    expect((await stack.deps.stripe.transfers.listReversals(tr.id)).data).toHaveLength(1);
    // Ledger: withdrawn from the platform, the provider's share charged to them and brought back.
    const rows = await stack.deps.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.bookingId, b.id), like(ledgerEntries.txId, `%${dispute.id}%`)));
    expect(new Set(rows.map((r) => r.txId))).toEqual(
      new Set([`dispute:${dispute.id}:withdrawn`, `dispute:${dispute.id}:provider`, `reversal:dispute:${dispute.id}`]),
    );
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
    const earnings = await (await stack.clientAs(sam)).payouts.earnings.query();
    expect(earnings.owedToPlatform).toBe(0);
  });

  it("lost when the provider's balance already went to their bank: what it allows is reversed, the rest is owed by the provider", async () => {
    const samId = await userId(stack, sam);
    const owedBefore = (await (await stack.clientAs(sam)).payouts.earnings.query()).owedToPlatform;
    const keep = 1000;
    const { b, payout } = await disputedAfterPayout(leo, 'lost', async (earnings) => {
      // The provider's balance is paid out to the bank but for `keep`.
      const balance = await stack.deps.stripe.balance.retrieve({}, { stripeAccount: account });
      const available = balance.available.find((x) => x.currency === 'usd')!.amount;
      expect(available).toBeGreaterThanOrEqual(earnings);
      await stack.deps.stripe.payouts.create(
        { amount: available - keep, currency: 'usd' },
        { stripeAccount: account, idempotencyKey: `test:payout:${earnings}:${available}` },
      );
    });
    const after = await waitFor('charged', async () => {
      const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
      return p && p.amountReversed + p.amountOwed > 0 ? p : null;
    });
    expect(after).toMatchObject({ amountReversed: keep, amountOwed: payout.amount - keep, status: 'reversed' });
    expect((await stack.deps.stripe.transfers.retrieve(payout.stripeTransferId!)).amount_reversed).toBe(keep);
    const earnings = await (await stack.clientAs(sam)).payouts.earnings.query();
    expect(earnings.owedToPlatform - owedBefore).toBe(payout.amount - keep);
    const owedRows = await stack.deps.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.bookingId, b.id), eq(ledgerEntries.account, accounts.providerOwed(samId))));
    expect(owedRows.reduce((s, r) => s + r.amount, 0)).toBe(payout.amount - keep);
    const admin = await stack.clientAs('ana@demo.handled.test');
    expect((await admin.adminPayments.stuck.query()).providerBalancesOwed.find((x) => x.bookingId === b.id)?.owed).toBe(
      payout.amount - keep,
    );
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
  });

  it('won: nothing is reversed and the hold is lifted', async () => {
    const { b, payout } = await disputedAfterPayout(maya, 'won');
    const after = await waitFor('released', async () => {
      const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, b.id));
      return p && p.holdReason === null ? p : null;
    });
    expect(after).toMatchObject({ status: 'paid', amountReversed: 0, amountOwed: 0 });
    expect((await stack.deps.stripe.transfers.retrieve(payout.stripeTransferId!)).amount_reversed).toBe(0);
    expect((await ledgerSum(stack, b.id)).sum).toBe(0);
  });

  it('the ledger reconciles with Stripe: no differences', async () => {
    await settled();
    const report = await reconcile(stack.deps.db, stack.deps.stripe);
    expect(report.bookings).toBeGreaterThanOrEqual(3);
    expect(report.differences).toEqual([]);
  });
});
