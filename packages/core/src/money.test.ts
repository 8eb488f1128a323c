import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencies, formatMoney, money } from './money.ts';

const viaIntl = (amount: number, currency: string, locale = 'en-US') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 }).format(amount / 100);

describe('formatMoney', () => {
  it('writes en-US amounts exactly as Intl does, for every currency, sign and size', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.oneof(
          fc.integer({ min: -2_000_000, max: 2_000_000 }),
          fc.maxSafeInteger().map((n) => Math.trunc(n / 1000) || 0),
        ),
        (currency, amount) => {
          expect(formatMoney(money(amount, currency))).toBe(viaIntl(amount, currency));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('covers the edges: zero, one cent, thousands separators', () => {
    for (const amount of [0, 1, -1, 99, 100, 99_999, 100_000, 123_456_789, -100_000_000]) {
      for (const currency of currencies) expect(formatMoney(money(amount, currency))).toBe(viaIntl(amount, currency));
    }
    expect(formatMoney(money(123_456, 'USD'))).toBe('$1,234.56');
    expect(formatMoney(money(-1200, 'AUD'))).toBe('-A$12.00');
  });

  it('other locales still go through Intl', () => {
    expect(formatMoney(money(123_456, 'EUR'), 'de-DE')).toBe(viaIntl(123_456, 'EUR', 'de-DE'));
  });
});
