import { describe, expect, it } from 'vitest';
import { describePolicy } from './policy.ts';

describe('describePolicy', () => {
  it('reads each preset from its tiers', () => {
    expect(describePolicy('flexible')).toBe('Free cancellation until 24 hours before the start; 50% of the service after that.');
    expect(describePolicy('moderate')).toBe(
      'Free cancellation until 48 hours before the start; 50% of the service after that, 100% within 12 hours.',
    );
    expect(describePolicy('strict')).toBe(
      'Free cancellation until 7 days before the start; 50% of the service after that, 100% within 48 hours.',
    );
  });
  it('does not invent terms for an unknown policy', () => {
    expect(describePolicy('weird')).toBe('Ask the provider about cancelling.');
  });
});
