/** Money is always an integer number of minor units (cents) with an ISO 4217 currency. */
export type Currency = 'USD' | 'GBP' | 'AUD' | 'EUR' | 'CAD';
export const currencies: readonly Currency[] = ['USD', 'GBP', 'AUD', 'EUR', 'CAD'];

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export function money(amount: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`Cannot combine ${a.currency} with ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Rounds half away from zero, the way invoices are usually rounded. */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Multiplies by a rational factor given in basis points (1/100 of a percent), rounding once. */
export function percentOf(m: Money, basisPoints: number): Money {
  return money(roundHalfAwayFromZero((m.amount * basisPoints) / 10_000), m.currency);
}

/** Splits an amount into n parts that differ by at most one minor unit and sum to the whole. */
export function allocate(m: Money, parts: number): Money[] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError('parts must be a positive integer');
  const base = Math.trunc(m.amount / parts);
  let remainder = m.amount - base * parts;
  return Array.from({ length: parts }, () => {
    const extra = remainder > 0 ? 1 : remainder < 0 ? -1 : 0;
    remainder -= extra;
    return money(base + extra, m.currency);
  });
}

const minorDigits: Record<Currency, number> = { USD: 2, GBP: 2, AUD: 2, EUR: 2, CAD: 2 };

/** How en-US writes each currency's symbol (what `Intl.NumberFormat('en-US', { style: 'currency' })` prints). */
const enUsSymbols: Record<Currency, string> = { USD: '$', GBP: '£', AUD: 'A$', EUR: '€', CAD: 'CA$' };

/**
 * "$1,234.50", "-£12.00", "A$0.00". In en-US (every screen today) it is written out directly: a
 * browser's first `Intl` call loads ICU's data, 30–50 ms of main thread on a phone, and money is on
 * every page's first render. money.test.ts checks it against Intl. Other locales go through Intl.
 */
export function isCurrency(code: string): code is Currency {
  return (currencies as readonly string[]).includes(code);
}

/** An amount in minor units of a currency code that came as a plain string (e.g. a provider's rate). */
export function formatMinor(amount: number, currency: string): string {
  return isCurrency(currency)
    ? formatMoney(money(amount, currency))
    : new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}

export function formatMoney(m: Money, locale = 'en-US'): string {
  const digits = minorDigits[m.currency];
  if (locale !== 'en-US' || !Number.isSafeInteger(m.amount)) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits }).format(
      m.amount / 10 ** digits,
    );
  }
  const abs = Math.abs(m.amount);
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${m.amount < 0 ? '-' : ''}${enUsSymbols[m.currency]}${whole}${fraction}`;
}
