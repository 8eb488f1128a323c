import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feePolicyFor, payoutSplit } from '../fees.ts';
import { priceBooking } from '../pricing.ts';
import { instalmentStanding, paymentDisplayStatus, paymentStatusOf, planInstalments } from './plan.ts';

const ctx = (total: number) => ({
  total,
  issuedAt: new Date('2030-01-01T00:00:00Z'),
  firstDueAt: new Date('2030-01-03T00:00:00Z'),
  jobEndsAt: new Date('2030-01-10T12:00:00Z'),
  balanceDueDays: 3,
});

describe('payment plans', () => {
  it('a 30% deposit: deposit before the job, balance three days after it', () => {
    const plan = planInstalments({ kind: 'deposit', depositBps: 3000 }, ctx(21_745));
    expect(plan.map((p) => [p.kind, p.amount])).toEqual([
      ['deposit', 6524],
      ['balance', 15_221],
    ]);
    expect(plan[1]!.dueAt.toISOString()).toBe('2030-01-13T12:00:00.000Z');
  });

  it('instalments always add up to the total and differ by at most one cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 10_000_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 31 }),
        (total, count, days) => {
          const plan = planInstalments({ kind: 'instalments', count, intervalDays: days }, ctx(total));
          expect(plan.reduce((s, p) => s + p.amount, 0)).toBe(total);
          const amounts = plan.map((p) => p.amount);
          expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
          expect(Math.min(...amounts)).toBeGreaterThanOrEqual(Math.min(total, 50));
        },
      ),
    );
  });

  it('refuses more than four instalments and a deposit over 100%', () => {
    expect(() => planInstalments({ kind: 'instalments', count: 5, intervalDays: 7 }, ctx(10_000))).toThrow(RangeError);
    expect(() => planInstalments({ kind: 'deposit', depositBps: 10_001 }, ctx(10_000))).toThrow(RangeError);
  });

  it('overdue, then past the grace period', () => {
    const i = { status: 'open' as const, dueAt: new Date('2030-01-03T00:00:00Z') };
    expect(instalmentStanding(i, new Date('2030-01-02T00:00:00Z'), 3)).toBe('not_due');
    expect(instalmentStanding(i, new Date('2030-01-04T00:00:00Z'), 3)).toBe('overdue');
    expect(instalmentStanding(i, new Date('2030-01-07T00:00:00Z'), 3)).toBe('past_grace');
    expect(instalmentStanding({ ...i, status: 'paid' }, new Date('2030-02-01T00:00:00Z'), 3)).toBe('settled');
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
