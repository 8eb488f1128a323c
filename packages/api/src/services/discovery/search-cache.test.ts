import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerCategories, providerProfiles, users } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { requestBooking } from '../bookings/request-booking.ts';
import { discover, type DiscoveryInput } from './search.ts';

/**
 * Search keeps pages and card times between requests (page-cache.ts, page-availability.ts); what it
 * answers is still what the database says now: a booking moves a card's next free time, a new rate
 * moves a provider in a price sort, a new closed date removes them from "free on a date".
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ providers: 24, worker: false });
}, 120_000);
afterAll(() => stack?.close());

const base: DiscoveryInput = { where: '10001', radiusKm: 40, coversMe: false, hours: 2, sort: 'best', cursor: 0, pageSize: 12 };

describe('search answers from its caches only what is still true', () => {
  it("a booking that takes a card's next free time moves the card to a later one", async () => {
    const before = await discover(stack.deps, base, null);
    const card = before.items.find((i) => i.nextAvailable);
    if (!card?.nextAvailable) throw new Error('no card with a free time near 10001');
    expect((await discover(stack.deps, base, null)).items.find((i) => i.id === card.id)?.nextAvailable).toEqual(card.nextAvailable);
    const [maya] = await stack.deps.db.select().from(users).where(eq(users.email, demoEmails.maya));
    const [cat] = await stack.deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, card.id));
    await requestBooking(stack.deps, maya!.id, {
      providerId: card.id,
      categoryId: cat!.categoryId,
      startsAt: card.nextAvailable.start,
      hours: 2,
      details: 'Search cache test: a leak',
      specialRequirements: '',
      address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
      contactPhone: '+1 212 555 0100',
    });
    const after = (await discover(stack.deps, base, null)).items.find((i) => i.id === card.id);
    expect(after?.nextAvailable?.start).not.toBe(card.nextAvailable.start);
    if (after?.nextAvailable) expect(Date.parse(after.nextAvailable.start)).toBeGreaterThan(Date.parse(card.nextAvailable.start));
  });

  it('a new rate moves a provider in the price order at once', async () => {
    const byPrice = { ...base, sort: 'price' as const };
    const before = await discover(stack.deps, byPrice, null);
    const last = before.items.at(-1)!;
    await stack.deps.db.update(providerProfiles).set({ hourlyRate: 1 }).where(eq(providerProfiles.userId, last.id));
    const after = await discover(stack.deps, byPrice, null);
    expect(after.items[0]).toMatchObject({ id: last.id, hourlyRate: 1 });
  });

  it('a provider closed on a date leaves "free on that date" at once', async () => {
    const day = new Date(stack.deps.now().getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const onDay = { ...base, availableOn: day };
    const before = await discover(stack.deps, onDay, null);
    const card = before.items[0];
    if (!card) throw new Error(`nobody near 10001 is free on ${day}`);
    await stack.deps.db.$client.execute({
      sql: `insert into schedule_override (id, provider_id, date, ranges, note) values (?, ?, ?, '[]', 'closed')`,
      args: [crypto.randomUUID(), card.id, day],
    });
    const after = await discover(stack.deps, onDay, null);
    expect(after.items.map((i) => i.id)).not.toContain(card.id);
  });
});
