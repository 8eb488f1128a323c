import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingChanges, bookings } from '@handled/db/schema';
import { createBookingFor, bookingRow, codeOf, confirmedBookingFor, jobsOf } from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';
import { isoSlotsOf } from '@handled/core/availability';

const HOUR = 3_600_000;
const maya = 'maya@demo.handled.test';
const leo = 'leo@demo.handled.test';
const sam = 'sam@demo.handled.test';
const priya = 'priya@demo.handled.test';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Free starts of a provider for a job of `hours`, as the slot picker lists them. */
async function freeStarts(providerId: string, hours: number) {
  const now = stack.deps.now();
  const answer = await stack.anonymous.catalog.slots.query({
    providerId,
    from: now.toISOString(),
    to: new Date(now.getTime() + 14 * 24 * HOUR).toISOString(),
    hours,
    viewerTimeZone: 'UTC',
  });
  return isoSlotsOf(answer).map((s) => s.start);
}

/** A free start at least `gapHours` after `after`. */
async function freeStartAfter(providerId: string, hours: number, after: string, gapHours = 3) {
  const start = (await freeStarts(providerId, hours)).find((s) => new Date(s).getTime() >= new Date(after).getTime() + gapHours * HOUR);
  if (!start) throw new Error('no free start found');
  return start;
}

async function overlapsOf(providerId: string) {
  const rows = await stack.deps.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.providerId, providerId), inArray(bookings.status, ['requested', 'accepted', 'confirmed', 'in_progress'])));
  let n = 0;
  for (const a of rows) for (const b of rows) if (a.id < b.id && a.blockStart < b.blockEnd && b.blockStart < a.blockEnd) n++;
  return n;
}

describe('changing a booking by agreement', () => {
  it('the client proposes a new time, the provider accepts: interval, version, event and jobs follow; the old slot is free', async () => {
    const b = await confirmedBookingFor(stack, maya, sam, 2);
    const client = await stack.clientAs(maya);
    const provider = await stack.clientAs(sam);
    const target = await freeStartAfter(b.provider!.id, 2, b.endsAt);
    const before = await bookingRow(stack, b.id);

    const proposal = await client.changes.propose.mutate({ id: b.id, startsAt: target, note: 'Can we do later?' });
    expect(proposal).toMatchObject({ proposedBy: 'client', status: 'pending', startsAt: new Date(target).toISOString(), hours: null });
    expect((await provider.changes.pending.query({ id: b.id }))?.id).toBe(proposal.id);
    // The proposer cannot accept their own proposal, and nobody else sees it.
    expect(await codeOf(client.changes.accept.mutate({ id: b.id }))).toBe('FORBIDDEN');
    expect(await codeOf((await stack.clientAs(leo)).changes.accept.mutate({ id: b.id }))).toBe('NOT_FOUND');
    // The booking has not moved yet.
    expect((await bookingRow(stack, b.id)).startsAt.getTime()).toBe(before.startsAt.getTime());

    const accepted = await provider.changes.accept.mutate({ id: b.id, changeId: proposal.id });
    expect(accepted.change.status).toBe('accepted');
    const after = await bookingRow(stack, b.id);
    expect(after.startsAt.toISOString()).toBe(new Date(target).toISOString());
    expect(after.endsAt.getTime() - after.startsAt.getTime()).toBe(2 * HOUR);
    expect(after.blockEnd.getTime()).toBe(after.endsAt.getTime() + 30 * 60_000);
    expect(after.version).toBe(before.version + 1);
    expect(after.total).toBe(before.total);
    expect(await jobsOf(stack, b.id, 'calendar.push')).toHaveLength(2); // on accept, and for the move
    expect(await jobsOf(stack, b.id, 'invoice.reprice')).toHaveLength(0);
    const view = await client.bookings.get.query({ id: b.id });
    const changed = view.timeline.find((e) => e.type === 'booking.changed');
    expect(changed).toMatchObject({ actor: 'provider', reason: 'Can we do later?' });

    // The old slot is bookable again.
    expect(await freeStarts(b.provider!.id, 2)).toContain(b.startsAt);
    expect(await overlapsOf(b.provider!.id)).toBe(0);
  });

  it('a move that overlaps another booking is refused and nothing is written; a move overlapping only itself works', async () => {
    const a = await confirmedBookingFor(stack, leo, priya, 2);
    const otherStart = await freeStartAfter(a.provider!.id, 2, a.endsAt, 6);
    const other = await (
      await stack.clientAs(maya)
    ).bookings.request.mutate({
      providerId: a.provider!.id,
      categoryId: a.category!.id,
      startsAt: otherStart,
      hours: 2,
      details: 'Windows inside and out',
      address: { line1: '10 Upper St', city: 'London', postalCode: 'N1 0PQ', country: 'GB' },
      contactPhone: '+44 20 7946 0000',
    });
    const client = await stack.clientAs(leo);
    expect(await codeOf(client.changes.propose.mutate({ id: a.id, startsAt: other.startsAt }))).toBe('CONFLICT');
    expect(await stack.deps.db.select().from(bookingChanges).where(eq(bookingChanges.bookingId, a.id))).toHaveLength(0);

    // Thirty minutes later overlaps its own current interval only: allowed if that start is on the grid and free.
    const shifted = new Date(new Date(a.startsAt).getTime() + 30 * 60_000).toISOString();
    const own = await client.changes.propose.mutate({ id: a.id, startsAt: shifted });
    expect(own.status).toBe('pending');
    // The other side may not stack a second proposal on a pending one; the proposer replaces theirs.
    expect(await codeOf((await stack.clientAs(priya)).changes.propose.mutate({ id: a.id, details: 'Bring the ladder please' }))).toBe(
      'CONFLICT',
    );
    const replaced = await client.changes.propose.mutate({ id: a.id, details: 'Also the oven, please.' });
    expect((await client.changes.pending.query({ id: a.id }))?.id).toBe(replaced.id);
    await client.changes.withdraw.mutate({ id: a.id });
    expect(await client.changes.pending.query({ id: a.id })).toBeNull();
    // Nothing to change is bad input.
    expect(await codeOf(client.changes.propose.mutate({ id: a.id, startsAt: a.startsAt }))).toBe('BAD_REQUEST');
  });

  it('new hours reprice the booking and write invoice.reprice with the old and new totals; a rejection changes nothing', async () => {
    // A start where three hours fit, whatever the time of day the test runs.
    const b = await confirmedBookingFor(stack, maya, sam, 1, 3);
    const provider = await stack.clientAs(sam);
    const client = await stack.clientAs(maya);
    const rejected = await provider.changes.propose.mutate({ id: b.id, hours: 3, note: 'Bigger job than described' });
    expect(rejected.newTotal).toBeGreaterThan(b.price.total);
    await client.changes.reject.mutate({ id: b.id, reason: 'Too expensive' });
    expect((await bookingRow(stack, b.id)).estimatedQuarterHours).toBe(4);

    const p = await provider.changes.propose.mutate({ id: b.id, hours: 1.5 });
    const res = await client.changes.accept.mutate({ id: b.id, changeId: p.id });
    const row = await bookingRow(stack, b.id);
    expect(row.estimatedQuarterHours).toBe(6);
    expect(row.total).toBe(p.newTotal);
    expect(row.price.service).toBe(Math.round(b.price.hourlyRate * 1.5));
    expect(row.version).toBe(res.version);
    const [reprice] = await jobsOf(stack, b.id, 'invoice.reprice');
    expect(reprice?.payload).toMatchObject({ oldTotal: b.price.total, newTotal: p.newTotal, reason: 'change' });
  });

  it('race: two bookings accept moves to the same slot at once — exactly one wins, no overlap', async () => {
    const x = await confirmedBookingFor(stack, maya, sam, 2);
    const y = await confirmedBookingFor(stack, leo, sam, 2);
    const target = await freeStartAfter(x.provider!.id, 2, [x.endsAt, y.endsAt].sort().at(-1)!, 4);
    const maya_ = await stack.clientAs(maya);
    const leo_ = await stack.clientAs(leo);
    await maya_.changes.propose.mutate({ id: x.id, startsAt: target });
    await leo_.changes.propose.mutate({ id: y.id, startsAt: target });
    const provider = await stack.clientAs(sam);
    const results = await Promise.all([
      codeOf(provider.changes.accept.mutate({ id: x.id })),
      codeOf(provider.changes.accept.mutate({ id: y.id })),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'OK']);
    expect(await overlapsOf(x.provider!.id)).toBe(0);
  });

  it('race: a new request and an accepted move for the same slot — exactly one gets it', async () => {
    const x = await confirmedBookingFor(stack, leo, priya, 2);
    const target = await freeStartAfter(x.provider!.id, 2, x.endsAt, 4);
    await (await stack.clientAs(leo)).changes.propose.mutate({ id: x.id, startsAt: target });
    const provider = await stack.clientAs(priya);
    const maya_ = await stack.clientAs(maya);
    const cat = x.category!.id;
    const results = await Promise.all([
      codeOf(provider.changes.accept.mutate({ id: x.id })),
      codeOf(
        maya_.bookings.request.mutate({
          providerId: x.provider!.id,
          categoryId: cat,
          startsAt: target,
          hours: 2,
          details: 'Deep clean before moving out',
          address: { line1: '10 Upper St', city: 'London', postalCode: 'N1 0PQ', country: 'GB' },
          contactPhone: '+44 20 7946 0000',
        }),
      ),
    ]);
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(1);
    expect(await overlapsOf(x.provider!.id)).toBe(0);
  });

  it('a started or closed booking cannot be changed', async () => {
    const b = await createBookingFor(stack, maya, sam, 1);
    await (await stack.clientAs(sam)).bookings.decline.mutate({ id: b.id, reason: 'Away that week' });
    expect(await codeOf((await stack.clientAs(maya)).changes.propose.mutate({ id: b.id, details: 'Different job entirely' }))).toBe(
      'CONFLICT',
    );
  });
});
