import { describe, expect, it } from 'vitest';
import { conversion, percent, shortWeek } from './analytics.ts';

describe('analytics words', () => {
  it('writes weeks, shares and conversions', () => {
    expect(shortWeek('2027-03-01')).toBe('Mar 1');
    expect(percent(null)).toBe('—');
    expect(percent(0.834)).toBe('83 %');
    expect(conversion(5, 0)).toBe('—');
    expect(conversion(3, 12)).toBe('25 %');
    expect(conversion(16, 2)).toBe('—');
  });
});
