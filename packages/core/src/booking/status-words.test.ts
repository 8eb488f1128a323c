import { describe, expect, it } from 'vitest';
import { bookingStatusWords, statusWordsOf } from './status-words.ts';
import { bookingStatuses } from './types.ts';

describe('booking status words', () => {
  it('puts every status into words for each reader, without code-style underscores', () => {
    for (const s of bookingStatuses) {
      const w = bookingStatusWords[s];
      for (const text of [w.label, w.providerLabel, w.clientLine, w.providerLine, w.state]) {
        expect(text, s).not.toContain('_');
        expect(text.length, s).toBeGreaterThan(2);
      }
    }
  });

  it('says what a status means to each side', () => {
    expect(bookingStatusWords.requested.providerLine).toMatch(/waiting for your answer/);
    expect(bookingStatusWords.accepted.clientLine).toMatch(/pay the invoice/);
    expect(bookingStatusWords.accepted.providerLabel).toBe('Waiting for payment');
    expect(bookingStatusWords.disputed.label).toBe('Problem reported');
  });

  it('colours a no-show like a decline and every other status as itself', () => {
    expect(bookingStatusWords.no_show.tone).toBe('declined');
    for (const s of bookingStatuses) if (s !== 'no_show') expect(bookingStatusWords[s].tone).toBe(s);
  });

  it('finds the words for a status given as a plain string, and nothing for an unknown one', () => {
    expect(statusWordsOf('in_progress')?.label).toBe('In progress');
    expect(statusWordsOf('on_hold')).toBeNull();
    expect(statusWordsOf('toString')).toBeNull();
  });
});
