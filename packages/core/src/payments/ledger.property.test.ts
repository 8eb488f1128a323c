import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payoutSplit } from '../fees.ts';
import { priceBooking } from '../pricing.ts';
import {
  accounts,
  balances,
  chargePosting,
  disputeChargedToProviderPosting,
  disputePosting,
  earnPosting,
  isBalanced,
  refundEarnedPosting,
  refundUnearnedPosting,
  reversalPosting,
  transferPosting,
  type LedgerTransaction,
} from './ledger.ts';

type Step =
  | { t: 'pay'; share: number }
  | { t: 'earn' }
  | { t: 'transfer' }
  | { t: 'refund'; share: number; reversible: number }
  | { t: 'dispute'; won: boolean; reversible: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('pay' as const), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }),
  fc.constant({ t: 'earn' as const }),
  fc.constant({ t: 'transfer' as const }),
  fc.record({
    t: fc.constant('refund' as const),
    share: fc.double({ min: 0.01, max: 1, noNaN: true }),
    reversible: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ t: fc.constant('dispute' as const), won: fc.boolean(), reversible: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

/** Plays a sequence of payment events the way the payments service does and returns the postings. */
function play(steps: Step[], rate: number, hours: number) {
  const price = priceBooking({ hourlyRate: rate, currency: 'USD', hours, taxBps: 875 });
  const b = 'b1';
  const p = 'p1';
  let paid = 0;
  let refunded = 0;
  let earned = false;
  let payable = 0;
  let transferred = 0;
  let cash = 0;
  let disputed = false;
  const txs: LedgerTransaction[] = [];
  const post = (t: LedgerTransaction) => {
    txs.push(t);
    cash += t.postings.find((x) => x.account === accounts.stripe)?.amount ?? 0;
  };
  for (const s of steps) {
    if (s.t === 'pay' && !earned && paid < price.total) {
      const amount = Math.max(1, Math.min(price.total - paid, Math.round(price.total * s.share)));
      paid += amount;
      post(chargePosting(b, amount));
    } else if (s.t === 'earn' && !earned && paid - refunded > 0) {
      const split = payoutSplit(price, paid - refunded);
      earned = true;
      payable = split.providerEarnings;
      post(earnPosting(b, p, split));
    } else if (s.t === 'transfer' && earned && payable > transferred) {
      const amount = payable - transferred;
      transferred += amount;
      post(transferPosting(p, amount));
    } else if (s.t === 'refund' && paid - refunded > 0) {
      const amount = Math.max(1, Math.round((paid - refunded) * s.share));
      refunded += amount;
      if (!earned) {
        post(refundUnearnedPosting(b, amount));
      } else {
        const providerPart = Math.min(payable, amount);
        const unpaid = Math.min(providerPart, payable - transferred);
        const fromTransfer = providerPart - unpaid;
        const reversed = Math.floor(fromTransfer * s.reversible);
        payable -= providerPart;
        transferred -= fromTransfer;
        post(refundEarnedPosting(p, amount, { fromTransfer, unpaid }));
        if (reversed > 0) post(reversalPosting(p, reversed));
      }
    } else if (s.t === 'dispute' && paid > 0 && !disputed) {
      disputed = true;
      post(disputePosting(paid, false));
      if (s.won) post(disputePosting(paid, true));
      else if (transferred > 0) {
        // Lost after the provider was paid: their share is charged to them, part comes back by a reversal.
        const share = Math.min(transferred, paid);
        const reversed = Math.floor(share * s.reversible);
        transferred -= share;
        post(disputeChargedToProviderPosting(p, share));
        if (reversed > 0) post(reversalPosting(p, reversed));
      }
    }
  }
  return { txs, cash };
}

describe('ledger postings', () => {
  it('any sequence of payment events keeps every transaction and the whole ledger at zero', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 30 }),
        fc.integer({ min: 1000, max: 50_000 }),
        fc.integer({ min: 1, max: 32 }),
        (steps, rate, q) => {
          const { txs, cash } = play(steps, rate, q / 4);
          for (const t of txs) expect(isBalanced(t.postings)).toBe(true);
          const all = txs.flatMap((t) => t.postings);
          expect(all.reduce((s, e) => s + e.amount, 0)).toBe(0);
          expect(balances(all).get(accounts.stripe) ?? 0).toBe(cash);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a paid, earned and transferred booking leaves the fees and tax with the platform', () => {
    const price = priceBooking({ hourlyRate: 6000, currency: 'USD', hours: 2, taxBps: 875 });
    const split = payoutSplit(price, price.total);
    const all = [chargePosting('b', price.total), earnPosting('b', 'p', split), transferPosting('p', split.providerEarnings)].flatMap(
      (t) => t.postings,
    );
    const bal = balances(all);
    expect(bal.get(accounts.stripe)).toBe(price.total - price.providerEarnings);
    expect(bal.get(accounts.fees)).toBe(-(price.platformFee + price.providerCommission));
    expect(bal.get(accounts.tax)).toBe(-price.tax);
    expect(bal.get(accounts.providerPayable('p')) ?? 0).toBe(0);
    expect(bal.get(accounts.clientFunds('b')) ?? 0).toBe(0);
  });

  it('refuses a posting that is not whole minor units', () => {
    expect(() => chargePosting('b', 10.5)).toThrow(RangeError);
  });
});
