import { describe, expect, it } from 'vitest';
import { hoursText } from './format.ts';

describe('hours on the site', () => {
  it('uses plain words for hours', () => {
    expect(hoursText(1)).toBe('1 hour');
    expect(hoursText(2.5)).toBe('2.5 hours');
  });
});
