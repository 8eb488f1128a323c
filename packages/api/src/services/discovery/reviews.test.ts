import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { completedBookingFor, confirmedBookingFor } from '@handled/testing/fixtures';

/** Reviews on bookings this file makes itself (through the real commands), not on what the seed drew. */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Client;
let leo: Client;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  [maya, leo] = await Promise.all([stack.clientAs(demoEmails.maya), stack.clientAs(demoEmails.leo)]);
}, 120_000);
afterAll(() => stack?.close());

describe('reviews', () => {
  it('the client reviews their own completed booking once; the rating updates; others are refused', async () => {
    const db = stack.deps.db;
    const done = await completedBookingFor(stack, demoEmails.maya, demoEmails.sam);
    const providerId = done.provider!.id;
    expect(await maya.reviews.mine.query({ id: done.id })).toEqual({ canReview: true, review: null });
    await expect(leo.reviews.create.mutate({ id: done.id, rating: 1 })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(maya.reviews.create.mutate({ id: done.id, rating: 6 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    const created = await maya.reviews.create.mutate({ id: done.id, rating: 5, body: 'Quick and tidy <script>x</script>' });
    expect(created.rating).toBe(5);
    await expect(maya.reviews.create.mutate({ id: done.id, rating: 4 })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    const [{ n }] = (await db.all(sql`select count(*) as n from review where booking_id = ${done.id}`)) as [{ n: number }];
    expect(n).toBe(1);
    const [agg] = (await db.all(
      sql`select cast(round(avg(rating) * 100) as integer) as avg, count(*) as cnt from review where subject_id = ${providerId} and direction = 'client_to_provider' and status = 'published'`,
    )) as [{ avg: number; cnt: number }];
    const profile = await db.query.providerProfiles.findFirst({ where: (p, { eq }) => eq(p.userId, providerId) });
    expect(profile).toMatchObject({ ratingAvg: agg.avg, ratingCount: agg.cnt });
    expect((await maya.reviews.mine.query({ id: done.id })).canReview).toBe(false);
  });

  it('refuses a booking that is not completed', async () => {
    const confirmed = await confirmedBookingFor(stack, demoEmails.maya, demoEmails.sam);
    expect(await maya.reviews.mine.query({ id: confirmed.id })).toEqual({ canReview: false, review: null });
    await expect(maya.reviews.create.mutate({ id: confirmed.id, rating: 5 })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
  });
});
