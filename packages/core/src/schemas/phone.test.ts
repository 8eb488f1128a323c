import { describe, expect, it } from 'vitest';
import { phoneSchema, toE164 } from './phone.ts';

describe('toE164', () => {
  it('normalises international numbers', () => {
    expect(toE164('+1 212 555 0100')).toBe('+12125550100');
    expect(toE164(' +44 20 7946 0018 ')).toBe('+442079460018');
  });
  it('reads a national number as the given country', () => {
    expect(toE164('(212) 555-0100', 'US')).toBe('+12125550100');
    expect(toE164('020 7946 0018', 'gb')).toBe('+442079460018');
    expect(toE164('(212) 555-0100')).toBeNull();
  });
  it('answers the same when asked again, each country on its own (the memo keys by both)', () => {
    for (let i = 0; i < 2; i++) {
      expect(toE164('020 7946 0018', 'GB')).toBe('+442079460018');
      expect(toE164('020 7946 0018')).toBeNull();
      expect(toE164('020 7946 0018', 'US')).toBeNull();
      expect(toE164('+44 20 7946 0018', 'US')).toBe('+442079460018');
    }
  });
  it('refuses what is not a dialable number', () => {
    for (const bad of ['call me', '12345', '+1 555 555 5555', '+999 1234 5678', '', '+1'.padEnd(60, '2'), '<script>'])
      expect(toE164(bad), bad).toBeNull();
  });
});

describe('phoneSchema', () => {
  it('gives E.164 or a message', () => {
    expect(phoneSchema.parse('+1 212 555 0188')).toBe('+12125550188');
    const r = phoneSchema.safeParse('any string');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/country code/);
  });
});
