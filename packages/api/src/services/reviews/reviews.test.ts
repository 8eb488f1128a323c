import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { confirmedBookingFor, jobsOf, resetClock, reviewableBookingFor, setClock } from '@handled/testing/fixtures';
import { eventually } from '@handled/testing';

/** Reviews on bookings this file makes itself (through the real commands), not on what the seed drew. */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Client;
let leo: Client;
let sam: Client;

const HOUR = 3_600_000;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  [maya, leo, sam] = await Promise.all([stack.clientAs(demoEmails.maya), stack.clientAs(demoEmails.leo), stack.clientAs(demoEmails.sam)]);
}, 120_000);
afterAll(() => stack?.close());

/** A completed booking of Maya's with Sam, and the instant its job was completed (reviews open from then). */
const completed = () => reviewableBookingFor(stack, demoEmails.maya, demoEmails.sam);

describe('reviews', () => {
  it('double-blind: each side writes once, sees the other only when both have written; the rating counts then', async () => {
    const done = await completed();
    const providerId = done.provider!.id;
    setClock(stack, done.completedAt + HOUR);
    try {
      const before = await maya.reviews.forBooking.query({ id: done.id });
      expect(before).toMatchObject({ side: 'client', canWrite: true, windowOpen: true, mine: null, theirs: null, theirsWritten: false });
      // Someone else's booking does not exist for Leo (nothing about it leaks).
      await expect(leo.reviews.write.mutate({ id: done.id, rating: 1 })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
      await expect(maya.reviews.write.mutate({ id: done.id, rating: 6 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

      const mine = await maya.reviews.write.mutate({
        id: done.id,
        rating: 5,
        quality: 5,
        punctuality: 4,
        body: 'Quick and tidy <script>x</script>',
      });
      expect(mine.mine).toMatchObject({ rating: 5, punctuality: 4, status: 'published', revealed: false, canEdit: true, verified: true });
      // Not revealed yet: the provider knows nothing of it, and it does not count.
      const samView = await sam.reviews.forBooking.query({ id: done.id });
      expect(samView).toMatchObject({ side: 'provider', theirsWritten: true, theirs: null });
      const [{ n }] = (await stack.deps.db.all(sql`select count(*) as n from review where booking_id = ${done.id}`)) as [{ n: number }];
      expect(n).toBe(1);

      await sam.reviews.write.mutate({ id: done.id, rating: 4, body: 'Clear instructions, parking arranged.' });
      const after = await maya.reviews.forBooking.query({ id: done.id });
      expect(after.mine).toMatchObject({ revealed: true });
      // A provider's review of a client is for providers only: the client never sees it.
      expect(after.theirs).toBeNull();
      expect((await sam.reviews.forBooking.query({ id: done.id })).theirs).toMatchObject({ rating: 5, revealed: true });

      const [agg] = (await stack.deps.db.all(
        sql`select cast(round(avg(rating) * 100) as integer) as avg, count(*) as cnt from review where subject_id = ${providerId} and direction = 'client_to_provider' and status = 'published' and revealed_at is not null`,
      )) as [{ avg: number; cnt: number }];
      const profile = await stack.deps.db.query.providerProfiles.findFirst({ where: (p, { eq }) => eq(p.userId, providerId) });
      expect(profile).toMatchObject({ ratingAvg: agg.avg, ratingCount: agg.cnt });
    } finally {
      resetClock(stack);
    }
  });

  it('a review is changed within its edit window, not after; none is written once the window closes', async () => {
    const done = await completed();
    setClock(stack, done.completedAt + HOUR);
    try {
      await maya.reviews.write.mutate({ id: done.id, rating: 3 });
      setClock(stack, done.completedAt + 20 * HOUR);
      expect((await maya.reviews.write.mutate({ id: done.id, rating: 4, body: 'Better on a second look' })).mine).toMatchObject({
        rating: 4,
      });
      setClock(stack, done.completedAt + 50 * HOUR);
      await expect(maya.reviews.write.mutate({ id: done.id, rating: 1 })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
      // The provider has 14 days; a day later nothing more is written.
      setClock(stack, done.completedAt + 15 * 24 * HOUR);
      await expect(sam.reviews.write.mutate({ id: done.id, rating: 5 })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
      // The window closed: Maya's review is visible although Sam never wrote.
      expect((await sam.reviews.forBooking.query({ id: done.id })).theirs).toMatchObject({ rating: 4 });
    } finally {
      resetClock(stack);
    }
  });

  it('a review with contact details is held for an operator, and the author is told', async () => {
    const done = await completed();
    setClock(stack, done.completedAt + HOUR);
    try {
      const held = await maya.reviews.write.mutate({ id: done.id, rating: 5, body: 'Call him direct on 555-201-3344 and skip the fees' });
      expect(held.mine).toMatchObject({ status: 'pending', held: true });
    } finally {
      resetClock(stack);
    }
  });

  it('the completion asks both sides, and schedules the reminder 3 days before the close and the reveal at it', async () => {
    const done = await completed();
    const DAY = 24 * HOUR;
    // The completion's effect; the worker runs it once the clock reaches the completion.
    expect(await jobsOf(stack, done.id, 'reviews.open')).toHaveLength(1);
    setClock(stack, done.completedAt + HOUR);
    try {
      const [remind, reveal] = await eventually(async () => {
        const r = await jobsOf(stack, done.id, 'reviews.remind');
        const v = await jobsOf(stack, done.id, 'reviews.reveal');
        if (!r.length || !v.length) throw new Error('not scheduled yet');
        return [r, v] as const;
      });
      expect(remind).toHaveLength(1);
      expect(remind[0]!.runAt.getTime()).toBe(done.completedAt + 11 * DAY);
      expect(reveal[0]!.runAt.getTime()).toBe(done.completedAt + 14 * DAY);
    } finally {
      resetClock(stack);
    }
  });

  it('refuses a booking that is not completed', async () => {
    const confirmed = await confirmedBookingFor(stack, demoEmails.maya, demoEmails.sam);
    expect(await maya.reviews.forBooking.query({ id: confirmed.id })).toMatchObject({ canWrite: false, mine: null });
    await expect(maya.reviews.write.mutate({ id: confirmed.id, rating: 5 })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
  });
});
