import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, providerProfiles } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { resetClock, reviewableBookingFor, setClock } from '@handled/testing/fixtures';
import { sql } from 'drizzle-orm';

/** Reports and moderation of reviews on bookings this file completes itself. */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Client;
let sam: Client;
let ana: Client;

const HOUR = 3_600_000;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  [maya, sam, ana] = await Promise.all([stack.clientAs(demoEmails.maya), stack.clientAs(demoEmails.sam), stack.clientAs(demoEmails.ana)]);
}, 120_000);
afterAll(() => stack?.close());

/** A completed booking of Maya's with Sam, and the instant its job was completed (reviews open from then). */
const completed = () => reviewableBookingFor(stack, demoEmails.maya, demoEmails.sam);

async function ratingOf(providerId: string) {
  const [p] = await stack.deps.db
    .select({ avg: providerProfiles.ratingAvg, count: providerProfiles.ratingCount })
    .from(providerProfiles)
    .where(eq(providerProfiles.userId, providerId));
  if (!p) throw new Error('no provider');
  return p;
}

async function auditOf(reviewId: string) {
  return stack.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'review'), eq(auditLog.subjectId, reviewId)))
    .orderBy(auditLog.at);
}

describe('moderation', () => {
  it('a held review waits in the queue; publish, hide (the author sees why) and restore, each audited; the rating counts only what is published', async () => {
    const done = await completed();
    const providerId = done.provider!.id;
    setClock(stack, done.completedAt + HOUR);
    try {
      const held = await maya.reviews.write.mutate({
        id: done.id,
        rating: 1,
        body: 'Terrible. Email me at maya.r@example.com for the photos.',
      });
      expect(held.mine).toMatchObject({ status: 'pending', held: true });
      await sam.reviews.write.mutate({ id: done.id, rating: 5, body: 'Lovely client.' });
      const reviewId = held.mine!.id;
      const before = await ratingOf(providerId);

      // Operators only: the queue and the actions refuse anyone else.
      await expect(maya.reviews.queue.query({ which: 'waiting' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
      await expect(sam.reviews.moderate.mutate({ reviewId, action: 'publish', reason: 'mine' })).rejects.toMatchObject({
        data: { code: 'FORBIDDEN' },
      });
      const queue = await ana.reviews.queue.query({ which: 'waiting' });
      const item = queue.find((q) => q.id === reviewId);
      expect(item).toMatchObject({ status: 'pending', flags: expect.arrayContaining(['contact', 'link']) });
      expect(item!.history.map((h) => h.action)).toContain('review.flag');

      // A reason is required, with a human message.
      await expect(ana.reviews.moderate.mutate({ reviewId, action: 'hide', reason: '' })).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST' },
      });

      const hidden = await ana.reviews.moderate.mutate({ reviewId, action: 'hide', reason: 'Contact details are not allowed in reviews' });
      expect(hidden).toMatchObject({ status: 'hidden', hiddenReason: 'Contact details are not allowed in reviews' });
      // The author sees it hidden and why; the provider no longer sees it; it never counted.
      expect((await maya.reviews.forBooking.query({ id: done.id })).mine).toMatchObject({
        status: 'hidden',
        hiddenReason: 'Contact details are not allowed in reviews',
      });
      expect((await sam.reviews.forBooking.query({ id: done.id })).theirs).toBeNull();
      expect(await ratingOf(providerId)).toEqual(before);

      // Restoring a hidden review publishes it: it counts, and the provider sees it.
      await expect(ana.reviews.moderate.mutate({ reviewId, action: 'publish', reason: 'again' })).rejects.toMatchObject({
        data: { code: 'CONFLICT' },
      });
      const restored = await ana.reviews.moderate.mutate({ reviewId, action: 'restore', reason: 'The address is the company’s own; fine' });
      expect(restored).toMatchObject({ status: 'published', hiddenReason: null });
      expect((await ratingOf(providerId)).count).toBe(before.count + 1);
      expect((await sam.reviews.forBooking.query({ id: done.id })).theirs).toMatchObject({ rating: 1 });

      // Hidden again: out of the rating again.
      await ana.reviews.moderate.mutate({ reviewId, action: 'hide', reason: 'On a second look: personal email' });
      expect(await ratingOf(providerId)).toEqual(before);

      const audit = await auditOf(reviewId);
      const anaId = (await ana.account.profile.query()).id;
      expect(audit.map((a) => [a.action, a.actorKind])).toEqual([
        ['review.flag', 'system'],
        ['review.hide', 'admin'],
        ['review.restore', 'admin'],
        ['review.hide', 'admin'],
      ]);
      expect(audit[2]).toMatchObject({
        actorId: anaId,
        reason: 'The address is the company’s own; fine',
        before: { status: 'hidden', hiddenReason: 'Contact details are not allowed in reviews' },
        after: { status: 'published', hiddenReason: null },
      });
      // The log is append-only.
      await expect(stack.deps.db.run(sql`update audit_log set reason = 'x' where id = ${audit[0]!.id}`)).rejects.toThrow();
    } finally {
      resetClock(stack);
    }
  });

  it('either side reports a published review once; it joins the queue with the report, and a decision closes it', async () => {
    const done = await completed();
    setClock(stack, done.completedAt + HOUR);
    try {
      await maya.reviews.write.mutate({ id: done.id, rating: 2, body: 'Late and left a mess.' });
      // Sealed: nothing to report yet.
      await expect(sam.reviews.report.mutate({ id: done.id, reason: 'Not true' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
      await sam.reviews.write.mutate({ id: done.id, rating: 4, body: 'Fine.' });
      await sam.reviews.respond.mutate({ id: done.id, body: 'I arrived at the agreed time; the mess was the old pipe.' });

      await expect(sam.reviews.report.mutate({ id: done.id, reason: 'x' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
      expect(await sam.reviews.report.mutate({ id: done.id, reason: 'This is not what happened' })).toEqual({
        reported: true,
        already: false,
      });
      expect(await sam.reviews.report.mutate({ id: done.id, reason: 'Again' })).toEqual({ reported: true, already: true });
      // The client reports the response under her review.
      expect(await maya.reviews.report.mutate({ id: done.id, reason: 'The response blames me' })).toEqual({
        reported: true,
        already: false,
      });
      // Someone who is not on the booking cannot.
      const leo = await stack.clientAs(demoEmails.leo);
      await expect(leo.reviews.report.mutate({ id: done.id, reason: 'Spam' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });

      const reviewId = (await maya.reviews.forBooking.query({ id: done.id })).mine!.id;
      const item = (await ana.reviews.queue.query({ which: 'waiting' })).find((q) => q.id === reviewId);
      expect(item).toMatchObject({ status: 'published', openReports: 2 });
      expect(item!.reports.map((r) => r.reason).sort()).toEqual(['The response blames me', 'This is not what happened']);
      expect((await auditOf(reviewId)).filter((a) => a.action === 'review.report')).toHaveLength(2);

      // Kept published by an operator: the reports are closed and it leaves the waiting queue.
      await ana.reviews.moderate.mutate({ reviewId, action: 'publish', reason: 'A fair account of the job' });
      expect((await ana.reviews.queue.query({ which: 'waiting' })).some((q) => q.id === reviewId)).toBe(false);
    } finally {
      resetClock(stack);
    }
  });
});
