import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultRankingWeights,
  distancePoints,
  explainScore,
  factorValues,
  rankingFactors,
  staticScore,
  type ProviderSignals,
  type RankingWeights,
} from './ranking.ts';

const now = new Date('2027-06-15T12:00:00Z');
const DAY = 86_400_000;

const signals: fc.Arbitrary<ProviderSignals> = fc
  .record({
    ratingAvg: fc.integer({ min: 100, max: 500 }),
    ratingCount: fc.integer({ min: 0, max: 400 }),
    medianResponseMinutes: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
    acceptedRequests: fc.integer({ min: 0, max: 300 }),
    answeredRequests: fc.integer({ min: 0, max: 300 }),
    completedJobs: fc.integer({ min: 0, max: 500 }),
    failedJobs: fc.integer({ min: 0, max: 40 }),
    reliabilityMarks: fc.integer({ min: 0, max: 20 }),
    lastJobAt: fc.option(
      fc.integer({ min: 0, max: 400 }).map((d) => new Date(now.getTime() - d * DAY)),
      { nil: null },
    ),
    listedAt: fc.integer({ min: 0, max: 2000 }).map((d) => new Date(now.getTime() - d * DAY)),
    freeShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  })
  .map((s) => ({ ...s, answeredRequests: Math.max(s.answeredRequests, s.acceptedRequests) }));

/** Any weights: whole points per factor, adding up to 100. */
const weights: fc.Arbitrary<RankingWeights> = fc
  .array(fc.integer({ min: 1, max: 50 }), { minLength: rankingFactors.length, maxLength: rankingFactors.length })
  .map((raw) => {
    const total = raw.reduce((n, x) => n + x, 0);
    const w = raw.map((x) => Math.floor((x * 100) / total));
    w[0]! += 100 - w.reduce((n, x) => n + x, 0);
    return Object.fromEntries(rankingFactors.map((f, i) => [f, w[i]!])) as RankingWeights;
  });

describe('best-match ranking', () => {
  it('all else equal, a better rating ranks higher', () => {
    fc.assert(
      fc.property(signals, fc.integer({ min: 100, max: 500 }), fc.integer({ min: 100, max: 500 }), (s, a, b) => {
        fc.pre(s.ratingCount > 0);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const low = staticScore({ ...s, ratingAvg: lo }, now, defaultRankingWeights);
        const high = staticScore({ ...s, ratingAvg: hi }, now, defaultRankingWeights);
        expect(high).toBeGreaterThanOrEqual(low);
        // A difference of a twentieth of a star or more always shows after rounding.
        if (hi - lo >= 5) expect(high).toBeGreaterThan(low);
      }),
    );
  });

  it('one 5★ review does not outrank fifty at 4.9', () => {
    fc.assert(
      fc.property(signals, (s) => {
        const one = staticScore({ ...s, ratingAvg: 500, ratingCount: 1 }, now, defaultRankingWeights);
        const fifty = staticScore({ ...s, ratingAvg: 490, ratingCount: 50 }, now, defaultRankingWeights);
        expect(fifty).toBeGreaterThan(one);
      }),
    );
  });

  it('a provider who cancels a confirmed job drops', () => {
    fc.assert(
      fc.property(signals, (s) => {
        const before = staticScore(s, now, defaultRankingWeights);
        const after = staticScore(
          { ...s, reliabilityMarks: s.reliabilityMarks + 1, failedJobs: s.failedJobs + 1 },
          now,
          defaultRankingWeights,
        );
        expect(after).toBeLessThan(before);
      }),
    );
  });

  it('the explanation adds up to the score, whatever the weights and the search', () => {
    fc.assert(
      fc.property(signals, weights, fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), (s, w, d) => {
        const explained = explainScore(factorValues(s, now, d), w);
        expect(explained.contributions.reduce((n, c) => n + c.points, 0)).toBe(explained.score);
        expect(explained.score).toBeGreaterThanOrEqual(0);
        expect(explained.score).toBeLessThanOrEqual(10_000);
        for (const c of explained.contributions) expect(c.points).toBeLessThanOrEqual(c.maxPoints);
        // Search adds distance to the stored part; together they are the explained score.
        if (d !== null) {
          const km = (1 - d) * 20;
          const withDistance = explainScore(factorValues(s, now, 1 - km / 20), w).score;
          expect(staticScore(s, now, w) + distancePoints(km, 20, w)).toBe(withDistance);
        }
      }),
    );
  });

  it('nearer ranks higher, all else equal', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 25, noNaN: true }), fc.double({ min: 0, max: 25, noNaN: true }), (a, b) => {
        const [near, far] = a < b ? [a, b] : [b, a];
        expect(distancePoints(near, 25, defaultRankingWeights)).toBeGreaterThanOrEqual(distancePoints(far, 25, defaultRankingWeights));
      }),
    );
  });
});
