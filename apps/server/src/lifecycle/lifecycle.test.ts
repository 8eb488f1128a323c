import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookingEvents, notifications, providerProfiles } from '@handled/db/schema';
import { recountReliability } from '@handled/api/bookings';
import { createBookingFor, bookingRow, codeOf, confirmedBookingFor, jobsOf, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

const MIN = 60_000;
const HOUR = 60 * MIN;
const maya = 'maya@demo.handled.test';
const leo = 'leo@demo.handled.test';
const sam = 'sam@demo.handled.test';
const priya = 'priya@demo.handled.test';
const ana = 'ana@demo.handled.test';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

const startOf = (b: { startsAt: string }) => new Date(b.startsAt).getTime();
/** Receipt jobs caused by events of one type (paying in full also writes one, for the payment). */
async function receiptJobsFor(bookingId: string, eventType: string) {
  const events = await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, bookingId));
  const ids = new Set(events.filter((e) => e.type === eventType).map((e) => e.id));
  return (await jobsOf(stack, bookingId, 'generate.receipt')).filter((j) => ids.has(String(j.payload['eventId'])));
}
const checklistOf = async (id: string) => (await (await stack.clientAs(sam)).lifecycle.job.query({ id })).checklist.map((c) => c.item);

describe('cancellation: the quote shown is the fee enforced', () => {
  it('a client cancelling a paid booking 10 h before the start pays the flexible fee, nothing else', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 2);
    setClock(stack, startOf(b) - 10 * HOUR);
    const client = await stack.clientAs(maya);
    const quote = await client.lifecycle.cancellationQuote.query({ id: b.id });
    if (!quote.allowed) throw new Error('cancellation should be allowed');
    expect(quote.policy).toBe('flexible');
    expect(quote.feeBps).toBe(5_000);
    expect(quote.fee).toBe(Math.round(b.price.service / 2));
    expect(quote.refund).toBe(b.price.total - quote.fee);
    expect(quote.amountPaid).toBe(b.price.total);
    expect(quote.explanation).toContain('50%');

    // The provider's own quote for the same booking is free for the client.
    const providerQuote = await (await stack.clientAs(sam)).lifecycle.cancellationQuote.query({ id: b.id });
    expect(providerQuote.allowed && providerQuote.fee).toBe(0);
    // Somebody else's booking does not exist for them.
    expect(await codeOf((await stack.clientAs(leo)).lifecycle.cancellationQuote.query({ id: b.id }))).toBe('NOT_FOUND');

    // A fee other than the one now due is refused and nothing changes.
    expect(await codeOf(client.lifecycle.cancel.mutate({ id: b.id, reason: 'Plans changed', expectedFee: 0 }))).toBe('CONFLICT');
    expect((await bookingRow(stack, b.id)).status).toBe('confirmed');

    const cancelled = await client.lifecycle.cancel.mutate({ id: b.id, reason: 'Plans changed', expectedFee: quote.fee });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelledBy).toBe('client');
    const row = await bookingRow(stack, b.id);
    expect(row.cancellationFee).toBe(quote.fee);
    const refunds = await jobsOf(stack, b.id, 'payment.refund');
    expect(refunds.map((j) => j.payload['amount'])).toEqual([quote.refund]);
    expect(await jobsOf(stack, b.id, 'calendar.cancel')).toHaveLength(1);
    expect(await jobsOf(stack, b.id, 'provider.reliability')).toHaveLength(0);
    const last = cancelled.timeline.find((e) => e.type === 'booking.cancelled');
    expect(last).toMatchObject({ type: 'booking.cancelled', from: 'confirmed', to: 'cancelled', actor: 'client', reason: 'Plans changed' });
    // Cancelled is terminal.
    expect(await codeOf(client.lifecycle.cancel.mutate({ id: b.id }))).toBe('CONFLICT');
  });

  it('a provider who cancels refunds everything and gets a reliability mark', async () => {
    const b = await confirmedBookingFor(stack, leo, priya, 2);
    setClock(stack, startOf(b) - 2 * HOUR);
    const provider = await stack.clientAs(priya);
    const quote = await provider.lifecycle.cancellationQuote.query({ id: b.id });
    expect(quote.allowed && [quote.fee, quote.refund]).toEqual([0, b.price.total]);
    const cancelled = await provider.lifecycle.cancel.mutate({ id: b.id, reason: 'Van broke down', expectedFee: 0 });
    expect(cancelled.cancelledBy).toBe('provider');
    expect((await jobsOf(stack, b.id, 'payment.refund')).map((j) => j.payload['amount'])).toEqual([b.price.total]);
    expect(await jobsOf(stack, b.id, 'provider.reliability')).toHaveLength(1);
    // The mark lands on the profile once the job has run (a recount, so a rerun leaves the same number).
    const marks = async () =>
      (
        await stack.deps.db
          .select({ m: providerProfiles.reliabilityMarks })
          .from(providerProfiles)
          .where(eq(providerProfiles.userId, b.provider!.id))
      )[0]?.m;
    await eventually(async () => expect(await marks()).toBe(1));
    await recountReliability(stack.deps, b.id);
    expect(await marks()).toBe(1);
  });

  it('cancelling a request that is not accepted yet is free and frees the slot', async () => {
    const b = await createBookingFor(stack, maya, sam, 1);
    const client = await stack.clientAs(maya);
    const quote = await client.lifecycle.cancellationQuote.query({ id: b.id });
    expect(quote.allowed && quote.fee).toBe(0);
    await client.lifecycle.cancel.mutate({ id: b.id, expectedFee: 0 });
    const again = await createBookingFor(stack, leo, sam, 1);
    expect(again.startsAt).toBe(b.startsAt);
  });
});

describe('doing the job', () => {
  it('on my way → start → complete (checklist, actual hours) → client confirms → receipt job', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 2);
    const provider = await stack.clientAs(sam);
    const client = await stack.clientAs(maya);

    setClock(stack, startOf(b) - 4 * HOUR);
    expect(await codeOf(provider.lifecycle.onMyWay.mutate({ id: b.id }))).toBe('CONFLICT');
    expect(await codeOf(client.lifecycle.onMyWay.mutate({ id: b.id }))).toBe('FORBIDDEN');

    setClock(stack, startOf(b) - 2 * HOUR);
    const onWay = await provider.lifecycle.onMyWay.mutate({ id: b.id });
    expect(onWay.status).toBe('confirmed');
    expect(onWay.timeline.at(-1)?.type).toBe('booking.on_my_way');
    expect(await codeOf(provider.lifecycle.onMyWay.mutate({ id: b.id }))).toBe('CONFLICT');
    // The client is told.
    const told = await eventually(async () => {
      const rows = await stack.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.bookingId, b.id), eq(notifications.channel, 'in_app')));
      const n = rows.find((r) => r.template.includes('booking.on_my_way'));
      if (!n) throw new Error('not told yet');
      return n;
    });
    expect(told.title).toContain('on the way');
    expect(told.userId).toBe(b.client?.id);

    expect(await codeOf(provider.lifecycle.start.mutate({ id: b.id }))).toBe('CONFLICT');
    setClock(stack, startOf(b) - 20 * MIN);
    expect((await provider.lifecycle.start.mutate({ id: b.id })).status).toBe('in_progress');
    expect((await bookingRow(stack, b.id)).startedAt?.getTime()).toBe(startOf(b) - 20 * MIN);

    const items = await checklistOf(b.id);
    expect(items.length).toBeGreaterThanOrEqual(4);
    setClock(stack, startOf(b) + 150 * MIN);
    // Every item must be ticked, and only the template's items.
    const missing = provider.lifecycle.complete.mutate({ id: b.id, checklist: items.slice(1), notes: 'Done' });
    expect(await codeOf(missing)).toBe('BAD_REQUEST');
    expect(await codeOf(provider.lifecycle.complete.mutate({ id: b.id, checklist: [...items, 'Polished the car'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(provider.lifecycle.complete.mutate({ id: b.id, checklist: items, actualHours: 2.1 }))).toBe('BAD_REQUEST');
    expect((await bookingRow(stack, b.id)).status).toBe('in_progress');

    const done = await provider.lifecycle.complete.mutate({
      id: b.id,
      checklist: items,
      actualHours: 2.5,
      notes: 'Replaced both washers; valve shown.',
    });
    expect(done.status).toBe('completed');
    const job = await client.lifecycle.job.query({ id: b.id });
    expect(job).toMatchObject({ estimatedHours: 2, actualHours: 2.5, completionNotes: 'Replaced both washers; valve shown.' });
    expect(job.checklist.every((c) => c.done)).toBe(true);
    expect(new Date(job.confirmationDeadline!).getTime()).toBe(startOf(b) + 150 * MIN + 48 * HOUR);
    const [reprice] = await jobsOf(stack, b.id, 'invoice.reprice');
    expect(reprice?.payload).toMatchObject({ oldTotal: b.price.total, oldQuarterHours: 8, newQuarterHours: 10 });
    expect(reprice?.payload['newTotal']).toBeGreaterThan(b.price.total);
    const [autoConfirm] = await jobsOf(stack, b.id, 'booking.auto_confirm');
    expect(autoConfirm?.runAt.getTime()).toBe(startOf(b) + 150 * MIN + 48 * HOUR);

    expect(await codeOf(provider.lifecycle.confirmCompletion.mutate({ id: b.id }))).toBe('FORBIDDEN');
    setClock(stack, startOf(b) + 5 * HOUR);
    const confirmed = await client.lifecycle.confirmCompletion.mutate({ id: b.id });
    expect(confirmed.timeline.at(-1)?.type).toBe('booking.completion_confirmed');
    expect((await bookingRow(stack, b.id)).clientConfirmedAt?.getTime()).toBe(startOf(b) + 5 * HOUR);
    expect(await receiptJobsFor(b.id, 'booking.completion_confirmed')).toHaveLength(1);
    expect(await codeOf(client.lifecycle.confirmCompletion.mutate({ id: b.id }))).toBe('CONFLICT');
    expect(await codeOf(client.lifecycle.raiseProblem.mutate({ id: b.id, reason: 'Too late now' }))).toBe('CONFLICT');
    expect(confirmed.timeline.map((e) => e.type)).toEqual([
      'booking.requested',
      'booking.accepted',
      'booking.confirmed',
      'booking.on_my_way',
      'booking.started',
      'booking.completed',
      'booking.completion_confirmed',
    ]);
  });

  it('nobody confirms: after 48 h the system does, through the auto-confirm job', async () => {
    const b = await confirmedBookingFor(stack, leo, priya, 2);
    const provider = await stack.clientAs(priya);
    setClock(stack, startOf(b));
    await provider.lifecycle.start.mutate({ id: b.id });
    await provider.lifecycle.complete.mutate({
      id: b.id,
      checklist: await (async () => (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item))(),
    });
    setClock(stack, startOf(b) + 47 * HOUR);
    expect(await codeOf(provider.lifecycle.confirmCompletion.mutate({ id: b.id }))).toBe('FORBIDDEN');
    setClock(stack, startOf(b) + 49 * HOUR);
    stack.server.worker.kick();
    const row = await eventually(async () => {
      const r = await bookingRow(stack, b.id);
      if (!r.clientConfirmedAt) throw new Error('not confirmed yet');
      return r;
    });
    expect(row.status).toBe('completed');
    const events = await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, b.id));
    expect(events.find((e) => e.type === 'booking.auto_confirmed')?.actorKind).toBe('system');
    expect(await codeOf((await stack.clientAs(leo)).lifecycle.raiseProblem.mutate({ id: b.id, reason: 'Streaks on windows' }))).toBe(
      'CONFLICT',
    );
  });

  it('a problem raised within the window becomes a dispute an admin resolves', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 1);
    const provider = await stack.clientAs(sam);
    setClock(stack, startOf(b));
    await provider.lifecycle.start.mutate({ id: b.id });
    await provider.lifecycle.complete.mutate({ id: b.id, checklist: await checklistOf(b.id) });
    setClock(stack, startOf(b) + 3 * HOUR);
    const client = await stack.clientAs(maya);
    expect(await codeOf(client.lifecycle.raiseProblem.mutate({ id: b.id, reason: ' ' }))).toBe('BAD_REQUEST');
    const disputed = await client.lifecycle.raiseProblem.mutate({ id: b.id, reason: 'Still dripping' });
    expect(disputed.status).toBe('disputed');
    expect(await jobsOf(stack, b.id, 'freeze.payout')).toHaveLength(1);
    expect(await codeOf(provider.lifecycle.resolveDispute.mutate({ id: b.id, outcome: 'completed' }))).toBe('FORBIDDEN');
    const admin = await stack.clientAs(ana);
    const resolved = await admin.lifecycle.resolveDispute.mutate({ id: b.id, outcome: 'cancelled' });
    expect(resolved.status).toBe('cancelled');
    expect(resolved.cancelledBy).toBe('admin');
    expect((await jobsOf(stack, b.id, 'payment.refund')).map((j) => j.payload['amount'])).toEqual([b.price.total]);
  });

  it('an admin resolving a dispute as completed settles it once', async () => {
    const b = await confirmedBookingFor(stack, leo, priya, 1);
    const provider = await stack.clientAs(priya);
    setClock(stack, startOf(b));
    await provider.lifecycle.start.mutate({ id: b.id });
    await provider.lifecycle.complete.mutate({
      id: b.id,
      checklist: (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item),
    });
    await (await stack.clientAs(leo)).lifecycle.raiseProblem.mutate({ id: b.id, reason: 'Missed the oven' });
    const resolved = await (await stack.clientAs(ana)).lifecycle.resolveDispute.mutate({ id: b.id, outcome: 'completed' });
    expect(resolved.status).toBe('completed');
    expect((await bookingRow(stack, b.id)).clientConfirmedAt).not.toBeNull();
    expect(await receiptJobsFor(b.id, 'booking.dispute_resolved')).toHaveLength(1);
  });

  it('an admin can cancel a job in progress: everything is refunded', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 1);
    setClock(stack, startOf(b));
    await (await stack.clientAs(sam)).lifecycle.start.mutate({ id: b.id });
    expect(await codeOf((await stack.clientAs(maya)).lifecycle.cancel.mutate({ id: b.id }))).toBe('CONFLICT');
    const cancelled = await (await stack.clientAs(ana)).lifecycle.cancel.mutate({ id: b.id, reason: 'Safety issue on site' });
    expect(cancelled.status).toBe('cancelled');
    expect((await jobsOf(stack, b.id, 'payment.refund')).map((j) => j.payload['amount'])).toEqual([b.price.total]);
  });
});

describe('no-shows', () => {
  it('the provider reports an absent client after the grace period; the client owes the late fee', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 2);
    const provider = await stack.clientAs(sam);
    setClock(stack, startOf(b) + 10 * MIN);
    expect(await codeOf(provider.lifecycle.reportNoShow.mutate({ id: b.id, reason: 'Nobody home' }))).toBe('CONFLICT');
    setClock(stack, startOf(b) + 20 * MIN);
    const closed = await provider.lifecycle.reportNoShow.mutate({ id: b.id, reason: 'Nobody home' });
    expect(closed.status).toBe('no_show');
    expect(closed.timeline.at(-1)?.type).toBe('booking.client_no_show');
    const fee = Math.round(b.price.service / 2);
    expect((await bookingRow(stack, b.id)).cancellationFee).toBe(fee);
    expect((await jobsOf(stack, b.id, 'payment.refund')).map((j) => j.payload['amount'])).toEqual([b.price.total - fee]);
  });

  it('the client reports an absent provider: full refund and a reliability mark', async () => {
    const b = await confirmedBookingFor(stack, leo, priya, 2);
    setClock(stack, startOf(b) + 30 * MIN);
    const closed = await (await stack.clientAs(leo)).lifecycle.reportNoShow.mutate({ id: b.id });
    expect(closed.timeline.at(-1)?.type).toBe('booking.provider_no_show');
    expect((await jobsOf(stack, b.id, 'payment.refund')).map((j) => j.payload['amount'])).toEqual([b.price.total]);
    expect(await jobsOf(stack, b.id, 'provider.reliability')).toHaveLength(1);
  });

  it('a confirmed booking is reminded to both sides before the job, once, by a job', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 1);
    const [reminder] = await jobsOf(stack, b.id, 'booking.reminder');
    expect(reminder).toBeDefined();
    expect(reminder!.runAt.getTime()).toBeLessThan(startOf(b));
    setClock(stack, reminder!.runAt.getTime() + MIN);
    stack.server.worker.kick();
    const sent = async () =>
      (
        await stack.deps.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.bookingId, b.id), eq(notifications.channel, 'in_app')))
      ).filter((n) => n.template.includes('booking.reminder'));
    await eventually(async () =>
      expect((await sent()).map((n) => n.title).sort()).toEqual(
        [expect.stringMatching(/^Reminder: Maya/), expect.stringMatching(/^Reminder: Sam/)].sort(),
      ),
    );
    expect(await sent()).toHaveLength(2);
  });
});
