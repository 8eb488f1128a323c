import { describe, expect, it } from 'vitest';
import { ageText, badgeStatus, disputeReasonLabel, disputeStatusLabel, holdReasonLabel } from './labels.ts';

describe('admin labels', () => {
  it('says how old something is in the largest sensible unit', () => {
    expect(ageText(null)).toBe('—');
    expect(ageText(2)).toBe('just now');
    expect(ageText(45)).toBe('45 s');
    expect(ageText(12 * 60 + 30)).toBe('12 min');
    expect(ageText(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(ageText(5 * 3600)).toBe('5 h');
    expect(ageText(3 * 86_400)).toBe('3 days');
  });

  it('words hold reasons, dispute statuses and reasons, and falls back to the code', () => {
    expect(holdReasonLabel('card_dispute')).toBe('Card dispute open');
    expect(holdReasonLabel(null)).toBe('No hold');
    expect(holdReasonLabel('brand_new_reason')).toBe('brand new reason');
    expect(disputeStatusLabel('needs_response')).toBe('Needs response');
    expect(disputeReasonLabel('product_not_received')).toBe('Product not received');
  });

  it('picks badge tones: open disputes stand out, won ones read as done', () => {
    expect(badgeStatus('dispute', 'needs_response')).toBe('disputed');
    expect(badgeStatus('dispute', 'won')).toBe('completed');
    expect(badgeStatus('job', 'dead')).toBe('declined');
    expect(badgeStatus('payout', 'frozen')).toBe('declined');
  });
});
