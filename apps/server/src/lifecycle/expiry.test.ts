import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifications, providerCategories, providerProfiles, users } from '@handled/db/schema';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { bookingRow, resetClock, setClock } from '@handled/testing/fixtures';
import { isoSlotsOf } from '@handled/core/availability';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ providers: 24 });
});
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

/** A provider with the most colleagues in the same category and city, and those colleagues. */
async function crowdedProvider() {
  const rows = await stack.deps.db
    .select({
      id: providerProfiles.userId,
      name: providerProfiles.displayName,
      city: providerProfiles.city,
      categoryId: providerCategories.categoryId,
    })
    .from(providerProfiles)
    .innerJoin(providerCategories, eq(providerCategories.providerId, providerProfiles.userId))
    .where(eq(providerProfiles.active, true));
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(`${r.categoryId}|${r.city}`, [...(groups.get(`${r.categoryId}|${r.city}`) ?? []), r]);
  const best = [...groups.values()].sort((a, b) => b.length - a.length)[0];
  if (!best || best.length < 2) throw new Error('seed has no category with two providers in one city');
  const [target, ...peers] = best;
  return { target: target!, peers };
}

describe('request expiry', () => {
  it('an unanswered request expires by its deadline, frees the slot, and the client hears of other providers', async () => {
    const { target, peers } = await crowdedProvider();
    const now = stack.deps.now();
    const answer = await stack.anonymous.catalog.slots.query({
      providerId: target.id,
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'UTC',
    });
    const start = isoSlotsOf(answer)[0]?.start;
    if (!start) throw new Error('no slot');
    const maya = await stack.clientAs('maya@demo.handled.test');
    const request = {
      providerId: target.id,
      categoryId: target.categoryId,
      startsAt: start,
      hours: 2,
      details: 'Please come and have a look',
      address: { line1: '1 High St', city: target.city, postalCode: '10001', country: 'US' },
      contactPhone: '+1 212 555 0100',
    };
    const b = await maya.bookings.request.mutate(request);
    expect(b.expiresAt).not.toBeNull();
    // While it waits, the slot is held.
    const held = await stack.anonymous.catalog.slots.query({
      providerId: target.id,
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'UTC',
    });
    expect(isoSlotsOf(held).map((s) => s.start)).not.toContain(start);

    setClock(stack, new Date(b.expiresAt!).getTime() + 1000);
    stack.server.worker.kick();
    await eventually(async () => {
      if ((await bookingRow(stack, b.id)).status !== 'expired') throw new Error('not expired yet');
    });
    const [mayaUser] = await stack.deps.db.select().from(users).where(eq(users.email, 'maya@demo.handled.test'));
    const told = await eventually(async () => {
      const rows = await stack.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.bookingId, b.id), eq(notifications.userId, mayaUser!.id), eq(notifications.channel, 'in_app')));
      const n = rows.find((r) => r.template.includes('booking.expired'));
      if (!n) throw new Error('not told yet');
      return n;
    });
    expect(told.body).toMatch(/Free (at that time|soon): /);
    expect(peers.some((p) => told.body.includes(p.name))).toBe(true);
    expect(told.body).not.toContain(target.name);

    // The slot is free again: listed, and a new request for it succeeds.
    resetClock(stack);
    const after = await stack.anonymous.catalog.slots.query({
      providerId: target.id,
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'UTC',
    });
    expect(isoSlotsOf(after).map((s) => s.start)).toContain(start);
    const again = await (await stack.clientAs('leo@demo.handled.test')).bookings.request.mutate(request);
    expect(again.status).toBe('requested');
  });
});
