import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookingEvents, providerProfiles } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { confirmedBookingFor, createBookingFor, resetClock, setClock, setProvider, userId } from '@handled/testing/fixtures';
import { recomputeReputation } from './recompute.ts';
import { SIGNAL_DAYS } from './signals.ts';

/**
 * The tier job (`provider.reputation`) moves a provider in and out of Top Pro at each threshold:
 * quality score 85, 10 reviews, 75 % of requests answered within 4 hours.
 *
 * To hold everything else still, the clock moves past the seed's history (the signals read the last
 * 180 days) and the operator weighs only the rating among the quality factors, so the quality score
 * is the Bayesian rating's factor; the requests are made and answered here, through the API.
 */
let stack: TestStack;
let samId: string;
let start: number;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  // The worker runs too (invoices, payments); the job is also run here after each step, as the worker runs it.
  stack = await startTestStack({ providers: 4 });
  samId = await userId(stack, demoEmails.sam);
  const ana = await stack.clientAs(demoEmails.ana);
  const { ranking } = await ana.reputation.settings.query();
  await ana.reputation.updateSetting.mutate({
    key: 'ranking',
    value: {
      rating: 50,
      reviews: 0,
      response: 0,
      acceptance: 0,
      completion: 0,
      reliability: 0,
      recency: 0,
      distance: 25,
      availability: 25,
    },
    reason: 'Tier test: quality from the rating alone',
    expectedVersion: ranking.version,
  });
  start = Date.now() + (SIGNAL_DAYS + 30) * DAY;
}, 120_000);
afterAll(() => stack?.close());

async function tierAfterJob(rating: { avg: number; count: number }) {
  await setProvider(stack, demoEmails.sam, { ratingAvg: rating.avg, ratingCount: rating.count });
  await recomputeReputation(stack.deps, samId);
  const [p] = await stack.deps.db
    .select({ tier: providerProfiles.tier, quality: providerProfiles.qualityScore })
    .from(providerProfiles)
    .where(eq(providerProfiles.userId, samId));
  return p;
}

describe('the tier job', () => {
  it('moves a provider in and out of Top Pro at the score, review and answer-time thresholds', async () => {
    setClock(stack, start);
    try {
      // Nothing answered in the window yet: no tier, whatever the rating.
      expect(await tierAfterJob({ avg: 500, count: 10 })).toMatchObject({ tier: null });

      // One request answered at once (accepted and paid): 100 % within 4 h.
      await confirmedBookingFor(stack, demoEmails.maya, demoEmails.sam);
      setClock(stack, start);
      // 10 reviews at 5.0 → Bayesian (10 × 5 + 5 × 4) / 15 = 4.67 → quality 92.
      expect(await tierAfterJob({ avg: 500, count: 10 })).toEqual({ tier: 'top_pro', quality: 92 });
      // 9 reviews: out (Rising Pro still: 3 reviews, 70, half within 12 h).
      expect(await tierAfterJob({ avg: 500, count: 9 })).toMatchObject({ tier: 'rising_pro' });
      // A quality score of 85 is in, 84 out: 10 reviews at 4.6 → (46 + 20) / 15 = 4.40 → 85; at 4.55 → 4.37 → 84.
      expect(await tierAfterJob({ avg: 460, count: 10 })).toEqual({ tier: 'top_pro', quality: 85 });
      expect(await tierAfterJob({ avg: 455, count: 10 })).toEqual({ tier: 'rising_pro', quality: 84 });

      // Answer times: three more requests, one answered after 5 hours → 3 of 4 within 4 h (75 %): in.
      const later = [];
      for (let i = 0; i < 3; i++) later.push(await createBookingFor(stack, demoEmails.maya, demoEmails.sam));
      const sam = await stack.clientAs(demoEmails.sam);
      setClock(stack, start + 10 * 60_000);
      await sam.bookings.accept.mutate({ id: later[0]!.id });
      await sam.bookings.accept.mutate({ id: later[1]!.id });
      setClock(stack, start + 5 * HOUR);
      await sam.bookings.accept.mutate({ id: later[2]!.id });
      expect(await tierAfterJob({ avg: 500, count: 10 })).toMatchObject({ tier: 'top_pro' });

      // A fifth, answered after 5 hours too: 3 of 5 (60 %) — out of Top Pro.
      const fifth = await createBookingFor(stack, demoEmails.maya, demoEmails.sam);
      setClock(stack, start + 10 * HOUR);
      await sam.bookings.accept.mutate({ id: fifth.id });
      const answers = await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, fifth.id));
      expect(answers.some((e) => e.fromStatus === 'requested' && e.actorKind === 'provider')).toBe(true);
      expect(await tierAfterJob({ avg: 500, count: 10 })).toMatchObject({ tier: 'rising_pro' });
    } finally {
      resetClock(stack);
    }
  });
});
