import { describe, expect, it } from 'vitest';
import { declineReasonCodes, declineReasons, declineReasonSchema } from './decline-reasons.ts';

describe('decline reasons', () => {
  it('every quick reason has a button label and words the schema accepts', () => {
    expect(declineReasonCodes).toEqual(['booked', 'area', 'job']);
    for (const code of declineReasonCodes) {
      const r = declineReasons[code];
      expect(r.label.length, code).toBeLessThanOrEqual(20);
      expect(declineReasonSchema.parse(r.text)).toBe(r.text);
    }
  });

  it("takes the provider's own words, trimmed, and refuses nothing-at-all or an essay", () => {
    expect(declineReasonSchema.parse('  My van is in the garage that week ')).toBe('My van is in the garage that week');
    expect(declineReasonSchema.safeParse(' x ').error?.issues[0]?.message).toBe('Tell the client why, briefly');
    expect(declineReasonSchema.safeParse('x'.repeat(501)).error?.issues[0]?.message).toBe('Please keep it under 500 characters.');
  });
});
