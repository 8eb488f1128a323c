import { describe, expect, it } from 'vitest';
import { formatWhen, statusInWords } from './format.ts';

describe('booking card formatting', () => {
  it('writes the time in the reader’s zone and names the zone', () => {
    // 14:00 UTC on 3 June 2026 is 10:00 in New York (EDT) and 15:00 in London (BST).
    expect(formatWhen('2026-06-03T14:00:00.000Z', '2026-06-03T16:00:00.000Z', 'America/New_York')).toMatch(
      /^Wed, Jun 3, 10:00\sAM\s–\s12:00\sPM \(America\/New_York\)$/,
    );
    expect(formatWhen('2026-06-03T14:00:00.000Z', '2026-06-03T16:00:00.000Z', 'Europe/London')).toMatch(
      /^Wed, Jun 3, 3:00\s?(PM)?\s?–\s?5:00\sPM \(Europe\/London\)$/,
    );
  });

  it('says the status in words for each side', () => {
    expect(statusInWords('requested', 'provider')).toMatch(/waiting for your answer/);
    expect(statusInWords('accepted', 'client')).toMatch(/pay the invoice/);
  });
});
