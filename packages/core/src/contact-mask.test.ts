import { describe, expect, it } from 'vitest';
import { MASKED_CONTACT, maskContactDetails } from './contact-mask.ts';

describe('maskContactDetails', () => {
  it('hides phone numbers written in the usual ways', () => {
    for (const n of ['+1 212 555 0100', '(212) 555-0100', '212.555.0100', '07700 900123', '+44 7700 900123']) {
      const r = maskContactDetails(`Call me on ${n} tomorrow`, 'US');
      expect(r.text, n).toBe(`Call me on ${MASKED_CONTACT} tomorrow`);
      expect(r.masked).toBe(1);
    }
  });

  it('hides email addresses, spelled out too', () => {
    expect(maskContactDetails('write to sam@example.com or sam (at) example (dot) org').text).toBe(
      `write to ${MASKED_CONTACT} or ${MASKED_CONTACT}`,
    );
  });

  it('leaves times, prices, short numbers and ordinary words alone', () => {
    const text = 'See you at 10:30, it is about $120 for 2 hours at flat 4B. Thanks!';
    expect(maskContactDetails(text, 'US')).toEqual({ text, masked: 0 });
  });
});
