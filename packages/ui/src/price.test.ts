import { describe, expect, it } from 'vitest';
import { formatBps, formatHours } from './price.ts';

describe('price formatting', () => {
  it('formats hours in quarter steps without trailing zeros', () => {
    expect(formatHours(2)).toBe('2 h');
    expect(formatHours(1.5)).toBe('1.5 h');
    expect(formatHours(2.25)).toBe('2.25 h');
  });
  it('formats basis points as a percentage', () => {
    expect(formatBps(875)).toBe('8.75%');
    expect(formatBps(2000)).toBe('20%');
    expect(formatBps(8875)).toBe('88.75%');
    expect(formatBps(0)).toBe('0%');
  });
});
