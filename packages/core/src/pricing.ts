import { z } from 'zod';
import { isCurrency, money, percentOf, roundHalfAwayFromZero, type Currency, type Money } from './money.ts';

/** Estimated or actual hours are counted in quarter hours so prices stay exact. */
export const QUARTER_HOURS_PER_HOUR = 4;

export interface FeePolicy {
  /** Platform fee charged to the client on top of the service, in basis points of the service amount. */
  clientFeeBps: number;
  /** Minimum client fee in minor units. */
  clientFeeMin: number;
  /** Platform commission kept from the provider's earnings, in basis points of the service amount. */
  providerCommissionBps: number;
}

export const defaultFeePolicy: FeePolicy = { clientFeeBps: 500, clientFeeMin: 200, providerCommissionBps: 1000 };

export interface PriceInput {
  hourlyRate: number;
  currency: Currency;
  /** Hours in quarter-hour steps, e.g. 2.25. */
  hours: number;
  /** Tax rate in basis points applied to service and fee (e.g. 875 = 8.75%). */
  taxBps: number;
  fees?: FeePolicy;
}

export interface PriceSnapshot {
  currency: Currency;
  hourlyRate: number;
  quarterHours: number;
  service: number;
  platformFee: number;
  tax: number;
  taxBps: number;
  total: number;
  providerCommission: number;
  providerEarnings: number;
  /** The fee policy the price was made with, so a change of hours reprices the same way. */
  fees: FeePolicy;
  /**
   * Materials and expenses the provider paid for the job (with receipts), added at completion:
   * in `total` and in `providerEarnings` in full — no fee, commission or tax on them.
   */
  expenses?: number;
}

const minorUnits = z.int().nonnegative();

/** A price snapshot read back from storage (a booking row, a job payload). */
export const priceSnapshotSchema = z.object({
  currency: z.custom<Currency>((v) => typeof v === 'string' && isCurrency(v), 'Unknown currency'),
  hourlyRate: minorUnits,
  quarterHours: z.int().positive(),
  service: minorUnits,
  platformFee: minorUnits,
  tax: minorUnits,
  taxBps: z.int().nonnegative(),
  total: minorUnits,
  providerCommission: minorUnits,
  providerEarnings: z.int(),
  fees: z.object({ clientFeeBps: z.int().nonnegative(), clientFeeMin: minorUnits, providerCommissionBps: z.int().nonnegative() }),
  expenses: minorUnits.optional(),
}) satisfies z.ZodType<PriceSnapshot>;

export function hoursToQuarterHours(hours: number): number {
  const q = hours * QUARTER_HOURS_PER_HOUR;
  if (!Number.isInteger(q) || q <= 0) throw new RangeError('Hours must be a positive multiple of 0.25');
  return q;
}

/**
 * The one place a booking's price is computed. Everything downstream (the invoice lines,
 * the payout, refunds) reads this snapshot rather than recomputing it.
 */
export function priceBooking(input: PriceInput): PriceSnapshot {
  const fees = input.fees ?? defaultFeePolicy;
  const quarterHours = hoursToQuarterHours(input.hours);
  if (!Number.isSafeInteger(input.hourlyRate) || input.hourlyRate <= 0)
    throw new RangeError('The hourly rate must be a positive whole number of minor units');
  // A quarter hour of a rate that is not a multiple of 4 rounds once, here.
  const service: Money = money(roundHalfAwayFromZero((input.hourlyRate * quarterHours) / QUARTER_HOURS_PER_HOUR), input.currency);
  const feeByRate = percentOf(service, fees.clientFeeBps).amount;
  const platformFee = Math.max(feeByRate, fees.clientFeeMin);
  // Tax is rounded per invoice line (service, fee), exactly as Stripe applies a tax rate to each line.
  const tax = percentOf(service, input.taxBps).amount + percentOf(money(platformFee, input.currency), input.taxBps).amount;
  const providerCommission = percentOf(service, fees.providerCommissionBps).amount;
  return {
    currency: input.currency,
    hourlyRate: input.hourlyRate,
    quarterHours,
    service: service.amount,
    platformFee,
    tax,
    taxBps: input.taxBps,
    total: service.amount + platformFee + tax,
    providerCommission,
    providerEarnings: service.amount - providerCommission,
    fees,
  };
}

/** The same booking at other hours: same rate, tax and fee policy as its snapshot. */
export function repriceBooking(snapshot: PriceSnapshot, hours: number): PriceSnapshot {
  const price = priceBooking({
    hourlyRate: snapshot.hourlyRate,
    currency: snapshot.currency,
    hours,
    taxBps: snapshot.taxBps,
    fees: snapshot.fees,
  });
  return snapshot.expenses ? withExpenses(price, snapshot.expenses) : price;
}

/**
 * The price with the job's materials and expenses (replacing any counted before): they go to the
 * client's total and, in full, to the provider's earnings.
 */
export function withExpenses(price: PriceSnapshot, expenses: number): PriceSnapshot {
  if (!Number.isSafeInteger(expenses) || expenses < 0) throw new RangeError('Expenses must be a non-negative whole number of minor units');
  const before = price.expenses ?? 0;
  const { expenses: _old, ...rest } = price;
  return {
    ...rest,
    total: price.total - before + expenses,
    providerEarnings: price.providerEarnings - before + expenses,
    ...(expenses > 0 ? { expenses } : {}),
  };
}
