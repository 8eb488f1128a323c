import { defaultFeePolicy, type FeePolicy } from './pricing.ts';

/**
 * The platform's fees per category: a percentage with a minimum, charged to the client on top of
 * the service, and a commission kept from the provider's earnings. Categories not listed use the
 * default. Amounts are minor units of the booking's currency.
 */
export interface FeeSchedule {
  default: FeePolicy;
  byCategory: Readonly<Record<string, Partial<FeePolicy>>>;
}

export const defaultFeeSchedule: FeeSchedule = {
  default: defaultFeePolicy,
  byCategory: {
    // Short, low-ticket jobs: a smaller percentage but the same floor.
    handyman: { clientFeeBps: 400 },
    // Trades with licensing costs on the provider's side: a lower commission.
    electrical: { providerCommissionBps: 800 },
    plumbing: { providerCommissionBps: 800 },
  },
};

export function validateFeePolicy(p: FeePolicy): FeePolicy {
  for (const [k, v] of Object.entries(p)) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`Fee policy ${k} must be a non-negative whole number`);
  }
  if (p.clientFeeBps > 5000 || p.providerCommissionBps > 5000) throw new RangeError('A fee above 50% is not a fee policy');
  return p;
}

/** The fee policy for a booking in `categorySlug`. */
export function feePolicyFor(categorySlug: string, schedule: FeeSchedule = defaultFeeSchedule): FeePolicy {
  return validateFeePolicy({ ...schedule.default, ...schedule.byCategory[categorySlug] });
}

/** How a paid amount splits between the provider and the platform, for a payout. */
export interface PayoutSplit {
  /** What the client paid and kept paid (after refunds). */
  collected: number;
  providerEarnings: number;
  platformFee: number;
  providerCommission: number;
  tax: number;
}

/**
 * The provider's share of what was actually collected. A fully paid booking pays the snapshot's
 * earnings; a partly refunded one pays earnings scaled to the service share still held, never
 * more than the earnings, never less than zero. Tax and the client fee stay with the platform.
 */
export function payoutSplit(
  price: { service: number; platformFee: number; tax: number; total: number; providerEarnings: number; providerCommission: number },
  collected: number,
): PayoutSplit {
  if (!Number.isSafeInteger(collected) || collected < 0) throw new RangeError('Collected must be a non-negative whole number');
  if (collected >= price.total) {
    return {
      collected,
      providerEarnings: price.providerEarnings,
      platformFee: price.platformFee,
      providerCommission: price.providerCommission,
      tax: price.tax,
    };
  }
  // Scale every part by collected/total, rounding down the provider's share (the platform absorbs the cent).
  const providerEarnings = Math.floor((price.providerEarnings * collected) / price.total);
  const tax = Math.round((price.tax * collected) / price.total);
  const providerCommission = Math.round((price.providerCommission * collected) / price.total);
  const platformFee = collected - providerEarnings - tax - providerCommission;
  return { collected, providerEarnings, platformFee, providerCommission, tax };
}
