import { describe, expect, it } from 'vitest';
import { parseHours } from './hours.ts';

describe('parseHours', () => {
  it('keeps quarter hours in range and falls back on nonsense', () => {
    expect(parseHours('2.5')).toBe(2.5);
    expect(parseHours('2.3')).toBe(2.25);
    expect(parseHours('0')).toBe(0.5);
    expect(parseHours('40')).toBe(12);
    expect(parseHours('abc')).toBe(2);
    expect(parseHours(null, 3)).toBe(3);
  });
});
