import { describe, expect, it } from 'vitest';
import { defaultRankingWeights, type ProviderSignals } from './ranking.ts';
import { qualityScore, tierFor } from './tiers.ts';

const now = new Date('2027-06-15T12:00:00Z');
const strong: ProviderSignals = {
  ratingAvg: 490,
  ratingCount: 40,
  medianResponseMinutes: 30,
  acceptedRequests: 45,
  answeredRequests: 50,
  completedJobs: 45,
  failedJobs: 0,
  reliabilityMarks: 0,
  lastJobAt: new Date(now.getTime() - 86_400_000),
  listedAt: new Date('2025-01-01T00:00:00Z'),
  freeShare: 0,
};

describe('quality score and tiers', () => {
  it('scores 0–100; a busy, well-rated, quick provider scores high, a new one in the middle', () => {
    expect(qualityScore(strong, now, defaultRankingWeights)).toBeGreaterThanOrEqual(85);
    const fresh = qualityScore(
      {
        ...strong,
        ratingAvg: 0,
        ratingCount: 0,
        medianResponseMinutes: null,
        acceptedRequests: 0,
        answeredRequests: 0,
        completedJobs: 0,
        lastJobAt: null,
        listedAt: now,
      },
      now,
      defaultRankingWeights,
    );
    expect(fresh).toBeGreaterThan(40);
    expect(fresh).toBeLessThan(85);
    // Being fully booked (no free time) does not lower quality.
    expect(qualityScore({ ...strong, freeShare: 1 }, now, defaultRankingWeights)).toBe(qualityScore(strong, now, defaultRankingWeights));
  });

  it('Top Pro needs every threshold: score 85, 10 reviews, 75 % answered within 4 h', () => {
    const within =
      (fast4: number, fast12 = fast4) =>
      (h: number) =>
        h <= 4 ? fast4 : fast12;
    expect(tierFor({ score: 85, reviews: 10, answered: 20, answeredWithin: within(15) })).toBe('top_pro');
    expect(tierFor({ score: 84, reviews: 10, answered: 20, answeredWithin: within(15) })).toBe('rising_pro');
    expect(tierFor({ score: 85, reviews: 9, answered: 20, answeredWithin: within(15) })).toBe('rising_pro');
    expect(tierFor({ score: 85, reviews: 10, answered: 20, answeredWithin: within(14, 14) })).toBe('rising_pro');
    expect(tierFor({ score: 85, reviews: 10, answered: 20, answeredWithin: within(9, 9) })).toBeNull();
    expect(tierFor({ score: 69, reviews: 3, answered: 2, answeredWithin: within(2) })).toBeNull();
    expect(tierFor({ score: 95, reviews: 50, answered: 0, answeredWithin: within(0) })).toBeNull();
  });
});

describe('responds within', () => {
  it('rounds the median answer time up to the hour, then to days', async () => {
    const { respondsWithin } = await import('./reviews.ts');
    expect(respondsWithin(null)).toBeNull();
    expect(respondsWithin(0)).toBe('within an hour');
    expect(respondsWithin(60)).toBe('within an hour');
    expect(respondsWithin(70)).toBe('within 2 hours');
    expect(respondsWithin(23 * 60)).toBe('within 23 hours');
    expect(respondsWithin(24 * 60 + 1)).toBe('within 2 days');
  });
});
