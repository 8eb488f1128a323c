/**
 * "Best match": how search orders providers, and how the desk explains a provider's place.
 *
 * Each factor is a number between 0 and 1 (1 is best) worked out from what the marketplace knows;
 * the score is the sum of weight × factor, in points out of 100 (the weights add up to 100). Every
 * contribution is rounded to hundredths of a point first and the score is their sum, so an
 * explanation always adds up to the score it explains.
 *
 * | factor       | value                                                                        |
 * |--------------|------------------------------------------------------------------------------|
 * | rating       | the Bayesian average (published reviews pulled towards 4.0 by 5 phantom ones) from 1★→0 to 5★→1 |
 * | reviews      | log(1 + n) / log(1 + 100): how much the rating can be trusted (100+ reviews → 1) |
 * | response     | 1 − median answer time / 24 h (unknown: ½)                                    |
 * | acceptance   | accepted ÷ answered requests, smoothed towards 75 % by 4 phantom answers       |
 * | completion   | jobs done ÷ confirmed jobs (done, cancelled by anyone, no-shows), smoothed towards 90 % by 5 |
 * | reliability  | 1 ÷ (1 + cancellations by the provider and no-shows in the last 180 days)      |
 * | recency      | ½ ^ (days since the last job done — or since listing, when none — ÷ 30)      |
 * | distance     | 1 − distance ÷ search radius (searches that name a place; otherwise 0 for all)  |
 * | availability | the share of the next 14 days' working hours still free                       |
 *
 * The weights live in one place (`defaultRankingWeights`, overridden by the operator's setting in
 * /admin/settings) and nowhere else.
 */

export const rankingFactors = [
  'rating',
  'reviews',
  'response',
  'acceptance',
  'completion',
  'reliability',
  'recency',
  'distance',
  'availability',
] as const;
export type RankingFactor = (typeof rankingFactors)[number];
export type RankingWeights = Record<RankingFactor, number>;

/** Points per factor; they add up to 100. */
export const defaultRankingWeights: RankingWeights = {
  rating: 30,
  reviews: 12,
  response: 10,
  acceptance: 8,
  completion: 10,
  reliability: 12,
  recency: 5,
  distance: 8,
  availability: 5,
};

/** How a person reads each factor (the desk's explanation and the operator's settings page). */
export const rankingFactorLabels: Record<RankingFactor, string> = {
  rating: 'Rating',
  reviews: 'Number of reviews',
  response: 'Response time',
  acceptance: 'Acceptance rate',
  completion: 'Completion rate',
  reliability: 'Cancellations and no-shows',
  recency: 'Recent jobs',
  distance: 'Distance to the client',
  availability: 'Free time in the next 14 days',
};

/** The prior of the Bayesian average: 5 phantom reviews of 4.0. */
export const BAYES_PRIOR_HUNDREDTHS = 400;
export const BAYES_PRIOR_COUNT = 5;
const REVIEWS_FOR_FULL = 100;
const RESPONSE_ZERO_MINUTES = 24 * 60;
const RECENCY_HALF_LIFE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The average a provider is ranked and shown by: the mean of their published reviews pulled
 * towards 4.0 by five phantom reviews, in hundredths (one 5★ review gives 417, fifty at 4.9 give 482).
 */
export function bayesianRating(ratingAvgHundredths: number, ratingCount: number): number {
  return (ratingAvgHundredths * ratingCount + BAYES_PRIOR_HUNDREDTHS * BAYES_PRIOR_COUNT) / (ratingCount + BAYES_PRIOR_COUNT);
}

/** What the marketplace knows about a provider, as the ranking reads it. */
export interface ProviderSignals {
  /** Mean of published client reviews, in hundredths (0 with none). */
  ratingAvg: number;
  ratingCount: number;
  /** Median minutes from a request to the provider's answer; null before any answer. */
  medianResponseMinutes: number | null;
  acceptedRequests: number;
  /** Requests accepted, declined or left to expire. */
  answeredRequests: number;
  completedJobs: number;
  /** Confirmed jobs that did not happen: cancelled by anyone after confirmation, or no-shows. */
  failedJobs: number;
  /** Cancellations by the provider and no-shows reported against them in the last 180 days. */
  reliabilityMarks: number;
  lastJobAt: Date | null;
  listedAt: Date;
  /** Share of the next 14 days' working hours still free (0–1); null when unknown. */
  freeShare: number | null;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Each factor's value between 0 and 1, without distance (a search adds it). */
export function factorValues(s: ProviderSignals, now: Date, distance: number | null = null): Record<RankingFactor, number> {
  const lastActive = s.lastJobAt && s.lastJobAt > s.listedAt ? s.lastJobAt : s.listedAt;
  const idleDays = Math.max(0, (now.getTime() - lastActive.getTime()) / DAY_MS);
  return {
    rating: clamp01((bayesianRating(s.ratingAvg, s.ratingCount) - 100) / 400),
    reviews: clamp01(Math.log(1 + Math.max(0, s.ratingCount)) / Math.log(1 + REVIEWS_FOR_FULL)),
    response: s.medianResponseMinutes === null ? 0.5 : clamp01(1 - s.medianResponseMinutes / RESPONSE_ZERO_MINUTES),
    acceptance: clamp01((s.acceptedRequests + 3) / (s.answeredRequests + 4)),
    completion: clamp01((s.completedJobs + 4.5) / (s.completedJobs + s.failedJobs + 5)),
    reliability: clamp01(1 / (1 + Math.max(0, s.reliabilityMarks))),
    recency: clamp01(0.5 ** (idleDays / RECENCY_HALF_LIFE_DAYS)),
    distance: distance === null ? 0 : clamp01(distance),
    availability: s.freeShare === null ? 0.5 : clamp01(s.freeShare),
  };
}

/** The distance factor of a provider `km` away in a search of `radiusKm`. */
export function distanceFactor(km: number, radiusKm: number): number {
  return radiusKm > 0 ? clamp01(1 - km / radiusKm) : 0;
}

export interface RankingContribution {
  factor: RankingFactor;
  label: string;
  /** The factor's value, 0–1. */
  value: number;
  weight: number;
  /** weight × value, in hundredths of a point. */
  points: number;
  /** What the factor could give at best (the weight), in hundredths of a point. */
  maxPoints: number;
}

export interface RankingExplanation {
  /** The sum of the contributions, in hundredths of a point (0–10,000). */
  score: number;
  contributions: RankingContribution[];
}

/** The score and what each factor gave to it; `score` is exactly the sum of `points`. */
export function explainScore(values: Record<RankingFactor, number>, weights: RankingWeights): RankingExplanation {
  const contributions = rankingFactors.map((factor) => ({
    factor,
    label: rankingFactorLabels[factor],
    value: values[factor],
    weight: weights[factor],
    points: Math.round(weights[factor] * clamp01(values[factor]) * 100),
    maxPoints: Math.round(weights[factor] * 100),
  }));
  return { score: contributions.reduce((n, c) => n + c.points, 0), contributions };
}

/**
 * The part of the score that does not depend on the search (everything but distance), in
 * hundredths: stored on the provider (`rank_score`) so search orders by an index; a search that
 * names a place adds `distancePoints`.
 */
export function staticScore(s: ProviderSignals, now: Date, weights: RankingWeights): number {
  return explainScore(factorValues(s, now), { ...weights, distance: 0 }).score;
}

/** What distance adds for a provider `km` away in a search of `radiusKm`, in hundredths (as search computes it). */
export function distancePoints(km: number, radiusKm: number, weights: RankingWeights): number {
  return Math.round(weights.distance * distanceFactor(km, radiusKm) * 100);
}
