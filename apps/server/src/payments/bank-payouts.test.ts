import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bankPayouts, notifications } from '@handled/db/schema';
import { reconcile } from '@handled/api/payments';
import {
  resetClock,
  emulatorControl,
  leo,
  maya,
  onboardProvider,
  paidAndConfirmed,
  paidPayout,
  priya,
  sam,
  userId,
  waitFor,
} from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';

/** The fields of a Stripe payout these tests read. */
interface EmulatedPayout {
  id: string;
  amount: number;
  status: string;
  arrival_date: number;
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(() => stack?.close());
afterEach(() => resetClock(stack));

async function bankPayoutRow(stripePayoutId: string, status?: string) {
  return waitFor(`bank payout ${status ?? ''}`, async () => {
    const [row] = await stack.deps.db.select().from(bankPayouts).where(eq(bankPayouts.stripePayoutId, stripePayoutId));
    return row && (!status || row.status === status) ? row : null;
  });
}

async function mailTo(email: string) {
  const res = await fetch(`${stack.emulatorsUrl}/_/mailbox/messages?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as { emails: { subject: string; text: string | null }[] }).emails;
}

describe("a provider's bank payouts (Stripe paying their connected balance to their bank)", () => {
  it('after a job is paid out, Stripe pays the balance to the bank: in transit, then paid; the provider sees both in the payouts view', async () => {
    const account = await onboardProvider(stack, sam);
    const { b } = await paidAndConfirmed(stack, maya, sam);
    await paidPayout(stack, b.id);

    const [made] = await emulatorControl<EmulatedPayout[]>(stack, `/_/stripe/accounts/${account}/payouts`);
    expect(made).toMatchObject({ amount: b.price.providerEarnings, status: 'in_transit' });
    const inTransit = await bankPayoutRow(made!.id, 'in_transit');
    expect(inTransit).toMatchObject({
      providerId: await userId(stack, sam),
      stripeAccountId: account,
      amount: b.price.providerEarnings,
      currency: 'USD',
    });

    const provider = await stack.clientAs(sam);
    expect((await provider.payouts.bankPayouts.query()).find((p) => p.id === made!.id)).toMatchObject({
      status: 'in_transit',
      amount: b.price.providerEarnings,
      failureMessage: null,
    });
    expect((await provider.payouts.bankPayouts.query())[0]?.arrivalDate).toBe(new Date(made!.arrival_date * 1000).toISOString());

    await emulatorControl(stack, '/_/stripe/payouts/run', { at: made!.arrival_date });
    await bankPayoutRow(made!.id, 'paid');
    expect((await provider.payouts.bankPayouts.query()).find((p) => p.id === made!.id)?.status).toBe('paid');
    // Another provider sees none of it.
    expect((await (await stack.clientAs(priya)).payouts.bankPayouts.query()).some((p) => p.id === made!.id)).toBe(false);
  });

  it("a payout to a failing bank account is recorded as failed with Stripe's reason and tells the provider once, in the app and by email", async () => {
    const account = await onboardProvider(stack, priya, '000111111116');
    const { b } = await paidAndConfirmed(stack, leo, priya);
    await paidPayout(stack, b.id);
    const [made] = await emulatorControl<EmulatedPayout[]>(stack, `/_/stripe/accounts/${account}/payouts`);
    await emulatorControl(stack, '/_/stripe/payouts/run', { at: made!.arrival_date });
    const failed = await bankPayoutRow(made!.id, 'failed');
    expect(failed.failureCode).toBe('no_account');
    expect(failed.failureMessage).toMatch(/No bank account could be located/);

    // Stripe delivers payout.failed again: still one notice.
    const event = stack.emulators.emulators.stripe.data.events.find((e) => e.type === 'payout.failed' && e.data.object.id === made!.id);
    expect(event?.account).toBe(account);
    stack.emulators.emulators.stripe.redeliver(event!.id);
    await stack.emulators.emulators.stripe.idle();

    const priyaId = await userId(stack, priya);
    const notices = await waitFor('notice', async () => {
      const rows = await stack.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, priyaId), eq(notifications.template, `bank_payout.failed:${made!.id}`)));
      return rows.length ? rows : null;
    });
    // Through the notification service: one row per channel it went out on, the in-app one once.
    const inApp = notices.filter((n) => n.channel === 'in_app');
    expect(inApp).toHaveLength(1);
    expect(inApp[0]!.body).toMatch(/No bank account could be located/);
    const mails = await waitFor('email', async () => {
      const m = (await mailTo(priya)).filter((e) => /did not reach your bank/.test(e.subject));
      return m.length ? m : null;
    });
    expect(mails).toHaveLength(1);
    const view = (await (await stack.clientAs(priya)).payouts.bankPayouts.query()).find((p) => p.id === made!.id);
    expect(view).toMatchObject({ status: 'failed', failureMessage: failed.failureMessage });
  });

  it("reconciles with Stripe: the ledger, and every bank payout recorded with Stripe's amount and status", async () => {
    const report = await reconcile(stack.deps.db, stack.deps.stripe);
    expect(report.bookings).toBeGreaterThanOrEqual(2);
    expect(report.differences).toEqual([]);
    // A payout whose last webhook was missed shows up.
    const [row] = await stack.deps.db.select().from(bankPayouts).where(eq(bankPayouts.status, 'paid'));
    await stack.deps.db.update(bankPayouts).set({ status: 'in_transit' }).where(eq(bankPayouts.id, row!.id));
    const stale = await reconcile(stack.deps.db, stack.deps.stripe);
    expect(stale.differences.map((d) => d.what)).toEqual([
      `bank payout ${row!.stripePayoutId} of ${row!.stripeAccountId}: recorded in_transit, Stripe paid`,
    ]);
    await stack.deps.db.update(bankPayouts).set({ status: 'paid' }).where(eq(bankPayouts.id, row!.id));
    expect((await reconcile(stack.deps.db, stack.deps.stripe)).differences).toEqual([]);
  });
});
