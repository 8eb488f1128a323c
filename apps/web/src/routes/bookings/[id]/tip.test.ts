import { describe, expect, it } from 'vitest';
import { parseAmount, tipChoices } from './tip';

describe('tips', () => {
  it('suggests 10, 15 and 20% of the service in whole units, never the same twice', () => {
    expect(tipChoices(23_000)).toEqual([
      { amount: 2300, label: '10%' },
      { amount: 3500, label: '15%' },
      { amount: 4600, label: '20%' },
    ]);
    expect(tipChoices(500).map((c) => c.amount)).toEqual([100]);
  });
  it('reads an amount a person types', () => {
    expect(parseAmount('20')).toBe(2000);
    expect(parseAmount(' $12.5 ')).toBe(1250);
    expect(parseAmount('1,000.00')).toBe(100_000);
    expect(parseAmount('ten')).toBeNull();
    expect(parseAmount('-5')).toBeNull();
    expect(parseAmount('3.999')).toBeNull();
  });
});
