import { money, percentOf, type Currency } from './money.ts';
import { defaultFeePolicy, type FeePolicy } from './pricing.ts';

/**
 * The platform's fees per category: a percentage with a minimum, charged to the client on top of
 * the service, and a commission kept from the provider's earnings. Categories not listed use the
 * default. Amounts are minor units of the booking's currency.
 */
export interface FeeSchedule {
  default: FeePolicy;
  byCategory: Readonly<Record<string, Partial<FeePolicy>>>;
  /** When a client may split a booking into instalments, and when those fall due. */
  plans: PaymentPlanPolicy;
}

/**
 * Instalments are for bookings big enough and far enough ahead to be worth splitting; everything
 * else is paid in full (or by the deposit the provider asks for). Every payment of a plan falls
 * due before the job — the last `lastDueHoursBeforeStart` before it, and an unpaid one's grace
 * never runs past the start — and instalments are at least `minGapDays` apart, so a plan offers
 * only as many as fit between its first due time and its last.
 */
export interface PaymentPlanPolicy {
  /** The smallest total offered instalments, in minor units of the booking's currency. */
  minTotal: number;
  /** How many days ahead the job must start for instalments to be offered. */
  minLeadDays: number;
  /** The first instalment is due within this many days (a deposit or a full payment has the invoice's usual days). */
  firstDueDays: number;
  /** The last payment is due this long before the start (or by the payment deadline, for a close job). */
  lastDueHoursBeforeStart: number;
  /** Instalments are at least this many days apart. */
  minGapDays: number;
  /** Payments fall due on this hour of the client's day ("by Wed 5 pm"). */
  dueHour: number;
}

export const defaultPlanPolicy: PaymentPlanPolicy = {
  minTotal: 30_000,
  minLeadDays: 14,
  firstDueDays: 2,
  lastDueHoursBeforeStart: 48,
  minGapDays: 7,
  dueHour: 17,
};

export const defaultFeeSchedule: FeeSchedule = {
  default: defaultFeePolicy,
  byCategory: {
    // Short, low-ticket jobs: a smaller percentage but the same floor.
    handyman: { clientFeeBps: 400 },
    // Trades with licensing costs on the provider's side: a lower commission.
    electrical: { providerCommissionBps: 800 },
    plumbing: { providerCommissionBps: 800 },
  },
  plans: defaultPlanPolicy,
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

/** The provider's part of a cancellation or no-show fee the client paid. */
export interface CancellationFeeSplit {
  /** The fee kept from the client (a share of the service; it carries no tax). */
  fee: number;
  /** What the provider receives: the fee less the platform's commission. */
  providerEarnings: number;
  /** The platform's commission on the fee, at the rate of the booking's fee policy snapshot. */
  providerCommission: number;
}

/**
 * A late cancellation or a client's no-show pays the provider as a job would: the fee less the
 * commission of the booking's fee policy (the rate the price was made with, not today's).
 */
export function cancellationFeeSplit(
  price: { currency: Currency; fees: Pick<FeePolicy, 'providerCommissionBps'> },
  fee: number,
): CancellationFeeSplit {
  if (!Number.isSafeInteger(fee) || fee < 0) throw new RangeError('A fee must be a non-negative whole number');
  const providerCommission = Math.min(fee, percentOf(money(fee, price.currency), price.fees.providerCommissionBps).amount);
  return { fee, providerEarnings: fee - providerCommission, providerCommission };
}
