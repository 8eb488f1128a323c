import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceBooking } from '../pricing.ts';
import { cancellationFeeSplit, defaultPlanPolicy, feePolicyFor, payoutSplit } from '../fees.ts';
import {
  graceEndsAt,
  instalmentStanding,
  instalmentsRefusal,
  instalmentsThatFit,
  maxInstalments,
  minInstalmentAmount,
  paymentDisplayStatus,
  paymentStatusOf,
  planDeadlines,
  planInstalments,
} from './plan.ts';

const ctx = (total: number) => ({
  total,
  firstDueAt: new Date('2030-01-03T22:00:00Z'),
  lastDueAt: new Date('2030-01-24T22:00:00Z'),
  zone: 'America/New_York',
});

const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'];

describe('payment plans', () => {
  it("a 30% deposit: the deposit first, the balance by the plan's last due time, before the job", () => {
    const plan = planInstalments({ kind: 'deposit', depositBps: 3000 }, ctx(21_745));
    expect(plan.map((p) => [p.kind, p.amount])).toEqual([
      ['deposit', 6524],
      ['balance', 15_221],
    ]);
    expect(plan[1]!.dueAt.toISOString()).toBe('2030-01-24T22:00:00.000Z');
  });

  it("due times fall on 5 pm of the client's day, never later than the deadline, and leave time to pay", () => {
    const now = new Date('2030-12-02T18:25:00Z'); // Wed 1:25 PM in New York
    const start = new Date('2030-12-23T15:00:00Z');
    const { firstDueAt, lastDueAt } = planDeadlines(now, start, 'America/New_York', { maxDays: 3, policy: defaultPlanPolicy });
    // now + 72 h is Sat 1:25 PM: due Fri 5 pm instead.
    expect(firstDueAt.toISOString()).toBe('2030-12-04T22:00:00.000Z');
    // 48 h before the start is Sat 10 AM: due Fri 5 pm.
    expect(lastDueAt.toISOString()).toBe('2030-12-20T22:00:00.000Z');
    // Instalments: the first sooner (within two days), so that they fit a week apart before the job.
    const split = planDeadlines(now, start, 'America/New_York', { maxDays: 3, policy: defaultPlanPolicy, instalments: true });
    expect(split.firstDueAt.toISOString()).toBe('2030-12-03T22:00:00.000Z');
    expect(instalmentsThatFit(split.firstDueAt, split.lastDueAt, defaultPlanPolicy)).toBe(3);
    expect(
      planInstalments({ kind: 'instalments', count: 3 }, { total: 40_000, ...split, zone: 'America/New_York' }).map((p) =>
        p.dueAt.toISOString(),
      ),
    ).toEqual(['2030-12-03T22:00:00.000Z', '2030-12-11T22:00:00.000Z', '2030-12-20T22:00:00.000Z']);
    // A job tomorrow morning: by 5 pm today when there is half a day for it, else the deadline itself.
    const soon = planDeadlines(new Date('2030-12-02T14:00:00Z'), new Date('2030-12-03T14:00:00Z'), 'America/New_York', {
      maxDays: 3,
      policy: defaultPlanPolicy,
    });
    expect(soon.firstDueAt.toISOString()).toBe('2030-12-03T12:00:00.000Z');
    expect(soon.lastDueAt.toISOString()).toBe('2030-12-03T12:00:00.000Z');
  });

  it("instalments only from the policy's total and lead time", () => {
    const fmt = (n: number) => `$${n / 100}`;
    const now = new Date('2030-01-01T00:00:00Z');
    expect(instalmentsRefusal(26_292, now, new Date('2030-01-20T00:00:00Z'), defaultPlanPolicy, fmt)).toMatch(/\$300 or more/);
    expect(instalmentsRefusal(40_000, now, new Date('2030-01-10T00:00:00Z'), defaultPlanPolicy, fmt)).toMatch(/14 days ahead/);
    expect(instalmentsRefusal(40_000, now, new Date('2030-01-15T00:00:00Z'), defaultPlanPolicy, fmt)).toBeNull();
  });

  it("any plan: every payment due before the start (the last by the plan's last due time), in order, adding up to the total", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 10_000_000 }),
        fc.oneof(
          fc.constant({ kind: 'full' as const }),
          fc.record({ kind: fc.constant('deposit' as const), depositBps: fc.integer({ min: 1, max: 10_000 }) }),
          fc.record({ kind: fc.constant('instalments' as const), count: fc.integer({ min: 1, max: maxInstalments }) }),
        ),
        // Issued at any instant of a few years, for a job from an hour to 90 days later.
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 60, max: 90 * 24 * 60 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 14 }),
        (total, choice, issued, leadMinutes, zone, maxDays) => {
          const now = new Date(issued);
          const start = new Date(issued + leadMinutes * 60_000);
          const split = choice.kind === 'instalments';
          const d = planDeadlines(now, start, zone, { maxDays, policy: defaultPlanPolicy, instalments: split });
          // Instalments as offered: as many as fit a week apart.
          const fit = instalmentsThatFit(d.firstDueAt, d.lastDueAt, defaultPlanPolicy);
          const plan = planInstalments(split ? { kind: 'instalments', count: Math.min(choice.count, fit) } : choice, { total, ...d, zone });
          if (split)
            for (let i = 1; i < plan.length; i++)
              expect(plan[i]!.dueAt.getTime() - plan[i - 1]!.dueAt.getTime()).toBeGreaterThanOrEqual(
                defaultPlanPolicy.minGapDays * 24 * 3_600_000 - 3_600_000,
              );
          expect(plan.reduce((s, p) => s + p.amount, 0)).toBe(total);
          expect(plan.every((p) => p.amount >= Math.min(total, minInstalmentAmount))).toBe(true);
          for (const [i, p] of plan.entries()) {
            expect(p.seq).toBe(i + 1);
            expect(p.dueAt.getTime()).toBeLessThan(start.getTime());
            expect(p.dueAt.getTime()).toBeGreaterThan(now.getTime());
            expect(p.dueAt.getTime()).toBeLessThanOrEqual(d.lastDueAt.getTime());
            if (i > 0) expect(p.dueAt.getTime()).toBeGreaterThanOrEqual(plan[i - 1]!.dueAt.getTime());
          }
          // When the job is far enough ahead, the last payment is due at least the policy's hours before the start.
          const planned = start.getTime() - defaultPlanPolicy.lastDueHoursBeforeStart * 3_600_000;
          if (d.firstDueAt.getTime() <= planned) expect(plan.at(-1)!.dueAt.getTime()).toBeLessThanOrEqual(planned);
          // An unpaid payment's grace never runs past the start.
          for (const p of plan) expect(graceEndsAt(p.dueAt, 3, start).getTime()).toBeLessThanOrEqual(start.getTime());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('instalments always add up to the total and differ by at most one cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 10_000_000 }), fc.integer({ min: 1, max: 4 }), (total, count) => {
        const plan = planInstalments({ kind: 'instalments', count }, ctx(total));
        expect(plan.reduce((s, p) => s + p.amount, 0)).toBe(total);
        const amounts = plan.map((p) => p.amount);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
        expect(Math.min(...amounts)).toBeGreaterThanOrEqual(Math.min(total, 50));
      }),
    );
  });

  it('refuses more than four instalments and a deposit over 100%', () => {
    expect(() => planInstalments({ kind: 'instalments', count: 5 }, ctx(10_000))).toThrow(RangeError);
    expect(() => planInstalments({ kind: 'deposit', depositBps: 10_001 }, ctx(10_000))).toThrow(RangeError);
  });

  it('overdue, then past the grace period', () => {
    const i = { status: 'open' as const, dueAt: new Date('2030-01-03T00:00:00Z') };
    expect(instalmentStanding(i, new Date('2030-01-02T00:00:00Z'), 3)).toBe('not_due');
    expect(instalmentStanding(i, new Date('2030-01-04T00:00:00Z'), 3)).toBe('overdue');
    expect(instalmentStanding(i, new Date('2030-01-07T00:00:00Z'), 3)).toBe('past_grace');
    expect(instalmentStanding({ ...i, status: 'paid' }, new Date('2030-02-01T00:00:00Z'), 3)).toBe('settled');
    // Never past the start: a job that starts a day after the due date is cancelled at its start.
    expect(instalmentStanding(i, new Date('2030-01-04T00:00:01Z'), 3, new Date('2030-01-04T00:00:00Z'))).toBe('past_grace');
  });

  it('payment status from the invoice and instalments', () => {
    const inv = { status: 'open' as const, total: 1000, amountPaid: 300, amountRefunded: 0 };
    expect(paymentStatusOf(inv, [])).toBe('partially_paid');
    expect(paymentStatusOf({ ...inv, amountPaid: 1000 }, [])).toBe('paid');
    expect(paymentStatusOf({ ...inv, amountPaid: 1000, amountRefunded: 1000 }, [])).toBe('refunded');
    expect(paymentStatusOf({ ...inv, amountPaid: 0, status: 'void' }, [])).toBe('void');
    expect(paymentDisplayStatus('partially_paid', [{ status: 'paid' }, { status: 'overdue' }])).toBe('overdue');
  });
});

describe('fees', () => {
  it("a cancellation fee pays the provider the fee less the snapshot's commission", () => {
    const price = priceBooking({ hourlyRate: 5000, currency: 'USD', hours: 2, taxBps: 875, fees: feePolicyFor('plumbing') });
    expect(cancellationFeeSplit(price, 5000)).toEqual({ fee: 5000, providerEarnings: 4600, providerCommission: 400 });
    expect(cancellationFeeSplit(price, 0).providerEarnings).toBe(0);
  });

  it('per-category policy with a minimum fee', () => {
    expect(feePolicyFor('handyman').clientFeeBps).toBe(400);
    expect(feePolicyFor('cleaning')).toEqual({ clientFeeBps: 500, clientFeeMin: 200, providerCommissionBps: 1000 });
    const small = priceBooking({ hourlyRate: 1000, currency: 'USD', hours: 1, taxBps: 0, fees: feePolicyFor('handyman') });
    expect(small.platformFee).toBe(200);
  });

  it('a partial payout never exceeds the earnings and the parts add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 40_000 }),
        fc.integer({ min: 1, max: 32 }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        (rate, q, share) => {
          const price = priceBooking({ hourlyRate: rate, currency: 'USD', hours: q / 4, taxBps: 875 });
          const collected = Math.round(price.total * share);
          const s = payoutSplit(price, collected);
          expect(s.providerEarnings).toBeLessThanOrEqual(price.providerEarnings);
          expect(s.providerEarnings).toBeGreaterThanOrEqual(0);
          if (collected < price.total) expect(s.providerEarnings + s.platformFee + s.providerCommission + s.tax).toBe(collected);
        },
      ),
    );
  });
});
