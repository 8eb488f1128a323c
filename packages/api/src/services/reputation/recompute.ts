import { qualityScore, staticScore, tierFor } from '@handled/core/reputation';
import { providerIdsAfter, saveReputation } from '../../repositories/reputation.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { rankingWeights } from '../settings.ts';
import { signalsOf } from './signals.ts';

const SWEEP_BATCH = 200;

type Reputation = Parameters<typeof saveReputation>[2];

/** The provider's reputation as stored and as the marketplace's signals make it now; null for no provider. */
async function reputationNow(deps: ServiceDeps, providerId: string, weights: Awaited<ReturnType<typeof rankingWeights>>) {
  const now = deps.now();
  const found = await signalsOf(deps.db, providerId, now);
  if (!found) return null;
  const { provider: p, signals, activity } = found;
  const quality = qualityScore(signals, now, weights);
  const next: Reputation = {
    rankScore: staticScore(signals, now, weights),
    qualityScore: quality,
    tier: tierFor({ score: quality, reviews: signals.ratingCount, answered: activity.answered, answeredWithin: activity.answeredWithin }),
    responseMinutes: activity.medianResponseMinutes === null ? null : Math.round(activity.medianResponseMinutes),
  };
  const stored: Reputation = { rankScore: p.rankScore, qualityScore: p.qualityScore, tier: p.tier, responseMinutes: p.responseMinutes };
  return { stored, next };
}

const same = (a: Reputation, b: Reputation) =>
  a.rankScore === b.rankScore && a.qualityScore === b.qualityScore && a.tier === b.tier && a.responseMinutes === b.responseMinutes;

/**
 * Job `provider.reputation`: the provider's stored best-match score (without distance), quality
 * score, tier and median answer time, from what the marketplace knows now. A recomputation, so a
 * job run twice leaves the same figures. Writes only when something changed (the search version
 * moves with these columns).
 */
export async function recomputeReputation(deps: ServiceDeps, providerId: string): Promise<void> {
  const r = await reputationNow(deps, providerId, await rankingWeights(deps.db));
  if (r && !same(r.stored, r.next)) await saveReputation(deps.db, providerId, r.next);
}

/**
 * Job `reputation.sweep`: every provider in id order, a batch per job (each batch enqueues the
 * next), so recency and free time stay current and new weights reach everyone. A batch's changes
 * are written in one transaction, so the search version (and every search cache) moves once per
 * batch rather than once per provider; each write applies only if the row still holds what the
 * batch read, so a provider recomputed meanwhile (a new review) keeps its fresher figures. The
 * last batch schedules tomorrow's sweep.
 */
export async function sweepReputation(deps: ServiceDeps, after: string): Promise<void> {
  const ids = await providerIdsAfter(deps.db, after, SWEEP_BATCH);
  const weights = await rankingWeights(deps.db);
  const changes: { id: string; stored: Reputation; next: Reputation }[] = [];
  for (const id of ids) {
    const r = await reputationNow(deps, id, weights);
    if (r && !same(r.stored, r.next)) changes.push({ id, ...r });
    // A turn for waiting requests between providers, so a batch of recomputations never holds the
    // process's HTTP for its whole length.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (changes.length)
    await deps.db.transaction(async (tx) => {
      for (const c of changes) await saveReputation(tx, c.id, c.next, c.stored);
    });
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
