import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { providerProfiles } from '@handled/db/schema';
import { startTestStack, type TestStack } from '@handled/testing';
import { saveReputation } from '../../repositories/reputation.ts';
import { sweepReputation } from './recompute.ts';

/**
 * The daily sweep writes a batch's changes together, each only while the row still holds the
 * figures the batch read: what it computes is what the per-provider job computes, and a provider
 * recomputed meanwhile keeps its fresher figures.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ providers: 8, worker: false });
}, 120_000);
afterAll(() => stack?.close());

const figures = async () =>
  stack.deps.db
    .select({
      id: providerProfiles.userId,
      rankScore: providerProfiles.rankScore,
      qualityScore: providerProfiles.qualityScore,
      tier: providerProfiles.tier,
      responseMinutes: providerProfiles.responseMinutes,
    })
    .from(providerProfiles)
    .orderBy(providerProfiles.userId);

describe('the reputation sweep', () => {
  it('puts back every provider’s figures after they were disturbed, all in one batch', async () => {
    await sweepReputation(stack.deps, '');
    const settled = await figures();
    expect(settled.length).toBeGreaterThan(4);
    await stack.deps.db.update(providerProfiles).set({ rankScore: 1, qualityScore: 1, tier: null, responseMinutes: 999 });
    await sweepReputation(stack.deps, '');
    expect(await figures()).toEqual(settled);
  });

  it('leaves a row alone when it no longer holds what the batch read', async () => {
    const [p] = await figures();
    const stale = { rankScore: p!.rankScore + 7, qualityScore: p!.qualityScore, tier: p!.tier, responseMinutes: p!.responseMinutes };
    await saveReputation(stack.deps.db, p!.id, { ...stale, rankScore: 42 }, stale);
    expect((await figures())[0]).toEqual(p);
    await saveReputation(stack.deps.db, p!.id, { ...p!, rankScore: 42 }, { ...p! });
    expect((await figures())[0]?.rankScore).toBe(42);
    // Null figures compare as null (a provider with no answered requests has no response time).
    await stack.deps.db.update(providerProfiles).set({ responseMinutes: null, tier: null }).where(eq(providerProfiles.userId, p!.id));
    const withNulls = { rankScore: 42, qualityScore: p!.qualityScore, tier: null, responseMinutes: null };
    await saveReputation(stack.deps.db, p!.id, { ...withNulls, rankScore: 43 }, withNulls);
    expect((await figures())[0]?.rankScore).toBe(43);
  });
});
