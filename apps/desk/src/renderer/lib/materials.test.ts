import { describe, expect, it } from 'vitest';
import { parseMoney } from './materials.ts';

describe('parseMoney', () => {
  it('reads what is on a receipt', () => {
    expect(parseMoney('18.40')).toBe(1840);
    expect(parseMoney(' $18.4 ')).toBe(1840);
    expect(parseMoney('1,200')).toBe(120_000);
    expect(parseMoney('€7')).toBe(700);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '-3', '1.234', '12..3']) expect(parseMoney(bad)).toBeNull();
  });
});
