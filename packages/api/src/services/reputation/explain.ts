import { DomainError } from '@handled/core/errors';
import { explainScore, factorValues, qualityFactors, tierRules, type RankingFactor } from '@handled/core/reputation';
import { providersRankedAbove, providersRankedBetween } from '../../repositories/reputation.ts';
import type { ServiceDeps } from '../deps.ts';
import { rankingWeights } from '../settings.ts';
import { signalsOf } from './signals.ts';

/** What a provider's figures look like in words, per factor (the desk shows it beside the points). */
function detailOf(factor: RankingFactor, s: NonNullable<Awaited<ReturnType<typeof signalsOf>>>): string {
  const { signals: g, activity: a } = s;
  switch (factor) {
    case 'rating':
      return g.ratingCount
        ? `${(g.ratingAvg / 100).toFixed(2)}★ from ${g.ratingCount} review${g.ratingCount === 1 ? '' : 's'}`
        : 'No reviews yet';
    case 'reviews':
      return `${g.ratingCount} published review${g.ratingCount === 1 ? '' : 's'}`;
    case 'response':
      return g.medianResponseMinutes === null
        ? 'No requests answered yet'
        : `Half your answers within ${Math.max(1, Math.round(g.medianResponseMinutes))} min`;
    case 'acceptance':
      return a.answered ? `${a.accepted} of ${a.answered} requests accepted` : 'No requests yet';
    case 'completion':
      return `${a.completed} jobs done, ${a.failed} confirmed job${a.failed === 1 ? '' : 's'} not done`;
    case 'reliability':
      return g.reliabilityMarks
        ? `${g.reliabilityMarks} cancellation${g.reliabilityMarks === 1 ? '' : 's'} or no-show${g.reliabilityMarks === 1 ? '' : 's'} in 6 months`
        : 'None in 6 months';
    case 'recency':
      return g.lastJobAt ? `Last job done ${g.lastJobAt.toISOString().slice(0, 10)}` : 'No job done yet';
    case 'distance':
      return 'Depends on where each client is: nearer clients see you higher';
    case 'availability':
      return g.freeShare === null ? 'No working hours set' : `${Math.round(g.freeShare * 100)} % of the next 14 days' hours free`;
  }
}

/**
 * The provider's place in "best match" and what moves it: each factor's points out of its weight,
 * and how many places they would climb (among active providers, everywhere and in their city) if
 * that factor were at its best. Distance depends on each search, so it is shown but not counted.
 */
export async function explainMyRanking(deps: ServiceDeps, providerId: string) {
  const now = deps.now();
  const [found, weights] = await Promise.all([signalsOf(deps.db, providerId, now), rankingWeights(deps.db)]);
  if (!found) throw new DomainError('NOT_FOUND', 'We could not find your listing.');
  const { provider: p } = found;
  const explained = explainScore(factorValues(found.signals, now), { ...weights, distance: 0 });
  const [above, aboveInCity] = await Promise.all([
    providersRankedAbove(deps.db, explained.score),
    providersRankedAbove(deps.db, explained.score, p.city),
  ]);
  const factors = await Promise.all(
    explained.contributions.map(async (c) => {
      const gain = c.maxPoints - c.points;
      const [places, placesInCity] =
        gain > 0 && c.factor !== 'distance'
          ? await Promise.all([
              providersRankedBetween(deps.db, explained.score, explained.score + gain),
              providersRankedBetween(deps.db, explained.score, explained.score + gain, p.city),
            ])
          : [0, 0];
      return {
        factor: c.factor,
        label: c.label,
        detail: detailOf(c.factor, found),
        value: c.value,
        weight: weights[c.factor],
        points: c.factor === 'distance' ? 0 : c.points,
        maxPoints: Math.round(weights[c.factor] * 100),
        /** Places they would climb with this factor at its best. */
        placesToGain: places,
        placesToGainInCity: placesInCity,
        inQuality: qualityFactors.includes(c.factor),
      };
    }),
  );
  return {
    /** The score search stores for them (distance is added per search), in hundredths of a point. */
    score: explained.score,
    position: above + 1,
    positionInCity: aboveInCity + 1,
    city: p.city,
    qualityScore: p.qualityScore,
    tier: p.tier,
    tiers: tierRules.map((r) => ({ ...r })),
    factors,
    asOf: now.toISOString(),
  };
}
