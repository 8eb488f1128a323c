import { explainScore, factorValues, rankingFactors, type ProviderSignals, type RankingFactor, type RankingWeights } from './ranking.ts';

/**
 * The quality score (0–100) and the tiers shown as badges on cards and profiles. The score is made
 * of the ranking's own factors, less the two that say nothing about the work — distance (the
 * client's) and free time (a fully booked provider is not a worse one) — as a share of what those
 * factors could give at most under the current weights. A job recomputes it (provider.reputation).
 */
export const qualityFactors: readonly RankingFactor[] = rankingFactors.filter((f) => f !== 'distance' && f !== 'availability');

export type Tier = 'top_pro' | 'rising_pro';

export interface TierRule {
  tier: Tier;
  label: string;
  minScore: number;
  minReviews: number;
  /** Share of requests answered within `withinHours`, 0–1. */
  minFastShare: number;
  withinHours: number;
  /** One line for the help page. */
  summary: string;
}

/** Best first: a provider holds the first tier whose every threshold they meet. Published on /help/tiers. */
export const tierRules: readonly TierRule[] = [
  {
    tier: 'top_pro',
    label: 'Top Pro',
    minScore: 85,
    minReviews: 10,
    minFastShare: 0.75,
    withinHours: 4,
    summary: 'Among the best on Handled: highly rated by many clients, quick to answer, and reliable.',
  },
  {
    tier: 'rising_pro',
    label: 'Rising Pro',
    minScore: 70,
    minReviews: 3,
    minFastShare: 0.5,
    withinHours: 12,
    summary: 'Off to a strong start: well rated and answers most requests the same day.',
  },
];

export const tierLabels: Record<Tier, string> = { top_pro: 'Top Pro', rising_pro: 'Rising Pro' };

/** The quality score, 0–100 (whole points). */
export function qualityScore(s: ProviderSignals, now: Date, weights: RankingWeights): number {
  const values = factorValues(s, now);
  const only = Object.fromEntries(Object.entries(weights).map(([f, w]) => [f, qualityFactors.includes(f as RankingFactor) ? w : 0]));
  const max = qualityFactors.reduce((n, f) => n + weights[f], 0);
  if (max <= 0) return 0;
  return Math.round(explainScore(values, only as RankingWeights).score / max);
}

export interface TierInputs {
  score: number;
  reviews: number;
  /** Answered requests, and how many of them within 4 h and 12 h. */
  answered: number;
  answeredWithin: (hours: number) => number;
}

/** The tier these figures earn, or null. Without any answered request the share counts as 0. */
export function tierFor(x: TierInputs): Tier | null {
  for (const rule of tierRules) {
    const share = x.answered > 0 ? x.answeredWithin(rule.withinHours) / x.answered : 0;
    if (x.score >= rule.minScore && x.reviews >= rule.minReviews && share >= rule.minFastShare) return rule.tier;
  }
  return null;
}
