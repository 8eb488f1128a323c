import { qualityScore, staticScore, tierFor } from '@handled/core/reputation';
import { providerIdsAfter, saveReputation } from '../../repositories/reputation.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { rankingWeights } from '../settings.ts';
import { signalsOf } from './signals.ts';

const SWEEP_BATCH = 200;

/**
 * Job `provider.reputation`: the provider's stored best-match score (without distance), quality
 * score, tier and median answer time, from what the marketplace knows now. A recomputation, so a
 * job run twice leaves the same figures. Writes only when something changed (the search version
 * moves with these columns).
 */
export async function recomputeReputation(deps: ServiceDeps, providerId: string): Promise<void> {
  const now = deps.now();
  const weights = await rankingWeights(deps.db);
  const found = await signalsOf(deps.db, providerId, now);
  if (!found) return;
  const { provider: p, signals, activity } = found;
  const quality = qualityScore(signals, now, weights);
  const next = {
    rankScore: staticScore(signals, now, weights),
    qualityScore: quality,
    tier: tierFor({ score: quality, reviews: signals.ratingCount, answered: activity.answered, answeredWithin: activity.answeredWithin }),
    responseMinutes: activity.medianResponseMinutes === null ? null : Math.round(activity.medianResponseMinutes),
  };
  if (
    p.rankScore === next.rankScore &&
    p.qualityScore === next.qualityScore &&
    p.tier === next.tier &&
    p.responseMinutes === next.responseMinutes
  )
    return;
  await saveReputation(deps.db, providerId, next);
}

/**
 * Job `reputation.sweep`: every provider in id order, a batch per job (each batch enqueues the
 * next), so recency and free time stay current and new weights reach everyone. The last batch
 * schedules tomorrow's sweep.
 */
export async function sweepReputation(deps: ServiceDeps, after: string): Promise<void> {
  const ids = await providerIdsAfter(deps.db, after, SWEEP_BATCH);
  for (const id of ids) {
    await recomputeReputation(deps, id);
    // A turn for waiting requests between providers, so a batch of recomputations never holds the
    // process's HTTP for its whole length.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const now = deps.now();
  if (ids.length === SWEEP_BATCH) {
    const last = ids[ids.length - 1]!;
    await enqueue(
      deps.db,
      { type: 'reputation.sweep', payload: { after: last }, key: `reputation.sweep:${now.toISOString()}:${last}` },
      now,
    );
  } else await scheduleDailySweep(deps, new Date(now.getTime() + 86_400_000));
}

/** The daily sweep at 03:00 UTC of `day`'s date (keyed by the date: one per day, however often asked). */
export async function scheduleDailySweep(deps: Pick<ServiceDeps, 'db' | 'now'>, day: Date = deps.now()): Promise<void> {
  const date = day.toISOString().slice(0, 10);
  const runAt = new Date(`${date}T03:00:00Z`);
  await enqueue(
    deps.db,
    {
      type: 'reputation.sweep',
      payload: { after: '' },
      key: `reputation.sweep:daily:${date}`,
      runAt: runAt < deps.now() ? deps.now() : runAt,
    },
    deps.now(),
  );
}
