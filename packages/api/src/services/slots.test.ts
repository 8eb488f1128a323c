import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSlots, unpackSlotDays } from '@handled/core/availability';
import { DAY_MS, MINUTE_MS } from '@handled/core/durations';
import { providerCategories, providerProfiles, schedules, users } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { availabilityVersion, availabilityVersionShared } from '../repositories/availability.ts';
import { loadAvailability } from './availability.ts';
import { requestBooking } from './bookings/request-booking.ts';
import { providerSlots } from './slots.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ providers: 16, worker: false });
}, 120_000);
afterAll(() => stack?.close());

const starts = (answer: Awaited<ReturnType<typeof providerSlots>>) =>
  unpackSlotDays(answer.days, answer.lengthMin).map((s) => s.start.getTime());

describe('providerSlots', () => {
  it('lists exactly what the engine lists from everything the provider has, for every provider, length and zone', async () => {
    const now = stack.deps.now();
    const providers = await stack.deps.db.select().from(providerProfiles);
    let compared = 0;
    for (const p of providers) {
      for (const [hours, days, zone] of [
        [2, 30, 'Europe/London'],
        [1, 14, 'America/New_York'],
        [4.5, 61, 'Australia/Sydney'],
      ] as const) {
        const from = new Date(now.getTime() - 3 * 3_600_000);
        const to = new Date(now.getTime() + days * DAY_MS);
        // The old way: the whole ±8-day stretch around the range, every override, every column.
        const all = await loadAvailability(stack.deps.db, p, from, to).catch(() => null);
        if (!all) continue;
        const expected = listSlots(all.schedule, all.busy, hours * 60, { from, to }, now).map((s) => s.start.getTime());
        const answer = await providerSlots(stack.deps, {
          providerId: p.slug,
          from: from.toISOString(),
          to: to.toISOString(),
          hours,
          viewerTimeZone: zone,
        });
        expect(starts(answer), `${p.slug}, ${hours} h over ${days} days`).toEqual(expected);
        // Each start once, grouped by the viewer's dates, in order.
        expect(answer.days.map((d) => d.date)).toEqual([...new Set(answer.days.map((d) => d.date))].sort());
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('honours daily and weekly limits that reach outside the asked range', async () => {
    const [sam] = await stack.deps.db.select().from(users).where(eq(users.email, demoEmails.sam));
    const [maya] = await stack.deps.db.select().from(users).where(eq(users.email, demoEmails.maya));
    const [cat] = await stack.deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, sam!.id));
    const now = stack.deps.now();
    const ask = async (from: number, to: number) =>
      starts(
        await providerSlots(stack.deps, {
          providerId: sam!.id,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          hours: 1,
          viewerTimeZone: 'UTC',
        }),
      );
    const week = await ask(now.getTime(), now.getTime() + 21 * DAY_MS);
    // Book one job, then allow one job a week: the rest of that week closes, even when asked from the day after.
    const first = week[0]!;
    await requestBooking(stack.deps, maya!.id, {
      providerId: sam!.id,
      categoryId: cat!.categoryId,
      startsAt: new Date(first).toISOString(),
      hours: 1,
      details: 'Limits test: one tap',
      specialRequirements: '',
      address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
      contactPhone: '+1 212 555 0100',
    });
    await stack.deps.db.update(schedules).set({ maxJobsPerWeek: 1 }).where(eq(schedules.providerId, sam!.id));
    const dayAfter = first + DAY_MS;
    const later = await ask(dayAfter, dayAfter + 3 * DAY_MS);
    const [p] = await stack.deps.db.select().from(providerProfiles).where(eq(providerProfiles.userId, sam!.id));
    const all = await loadAvailability(stack.deps.db, p!, new Date(dayAfter), new Date(dayAfter + 3 * DAY_MS));
    expect(later).toEqual(
      listSlots(all.schedule, all.busy, 60, { from: new Date(dayAfter), to: new Date(dayAfter + 3 * DAY_MS) }, now).map((s) =>
        s.start.getTime(),
      ),
    );
    expect(later.length).toBeLessThan(week.filter((t) => t >= dayAfter && t < dayAfter + 3 * DAY_MS).length);
    await stack.deps.db.update(schedules).set({ maxJobsPerWeek: null }).where(eq(schedules.providerId, sam!.id));
  });

  it('answers again from the cache, and not once a booking has taken a slot', async () => {
    const [priya] = await stack.deps.db.select().from(users).where(eq(users.email, demoEmails.priya));
    const [leo] = await stack.deps.db.select().from(users).where(eq(users.email, demoEmails.leo));
    const [cat] = await stack.deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, priya!.id));
    const now = stack.deps.now();
    const input = {
      providerId: 'priya-shah',
      from: now.toISOString(),
      to: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
      hours: 2,
      viewerTimeZone: 'Europe/London',
    };
    const first = await providerSlots(stack.deps, input);
    const again = await providerSlots(stack.deps, { ...input, from: new Date(now.getTime() - MINUTE_MS).toISOString() });
    expect(again).toBe(first); // the same answer object: from the cache (a range from the past is one from now)
    const taken = starts(first)[3]!;
    await requestBooking(stack.deps, leo!.id, {
      providerId: priya!.id,
      categoryId: cat!.categoryId,
      startsAt: new Date(taken).toISOString(),
      hours: 2,
      details: 'Cache test: deep clean',
      specialRequirements: '',
      address: { line1: '1 High St', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' },
      contactPhone: '+44 20 7946 0000',
    });
    const after = await providerSlots(stack.deps, input);
    expect(after).not.toBe(first);
    expect(starts(after)).not.toContain(taken);
    expect(starts(after).length).toBeLessThan(starts(first).length);
  });

  it('shares one version read among the calls of one turn, and never answers a call from before a change it follows', async () => {
    const { db } = stack.deps;
    const [sam] = await db.select().from(users).where(eq(users.email, demoEmails.sam));
    const id = sam!.id;
    const before = await availabilityVersion(db, id);
    // Asked in the same turn: one read, after both were asked.
    const first = availabilityVersionShared(db, id);
    expect(availabilityVersionShared(db, id)).toBe(first);
    expect(await first).toBe(before);
    // A change commits, then a call: whether it joins a pending read or starts its own, it sees the change.
    const pending = availabilityVersionShared(db, id);
    await db.$client.execute({ sql: 'update availability_version set version = version + 1 where provider_id = ?', args: [id] });
    const after = availabilityVersionShared(db, id);
    expect(await after).toBe(before + 1);
    // The call from before the change was concurrent with it: either answer is right for it.
    expect([before, before + 1]).toContain(await pending);
    // A later turn reads again.
    await new Promise((r) => setImmediate(r));
    const later = availabilityVersionShared(db, id);
    expect(later).not.toBe(after);
    expect(await later).toBe(before + 1);
  });
});
