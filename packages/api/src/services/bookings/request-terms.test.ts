import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoSlotsOf } from '@handled/core/availability';
import { categories, providerCategories, providerProfiles, users } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';
import { codeOf } from '@handled/testing/fixtures';

/**
 * What a booking request reads of the provider before the lock (bookingTerms, on prepared
 * statements): the provider by id or slug, the service by id or slug and its own rate, and the
 * refusals in the client's words.
 */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Client;
let sam: { id: string; slug: string; hourlyRate: number };
let service: { id: string; slug: string };
let notOffered: { id: string; slug: string };
let starts: string[];

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  maya = await stack.clientAs(demoEmails.maya);
  const [row] = await stack.deps.db
    .select({ id: providerProfiles.userId, slug: providerProfiles.slug, hourlyRate: providerProfiles.hourlyRate })
    .from(providerProfiles)
    .innerJoin(users, eq(users.id, providerProfiles.userId))
    .where(eq(users.email, demoEmails.sam));
  sam = row!;
  const offered = await stack.deps.db
    .select({ id: categories.id, slug: categories.slug })
    .from(providerCategories)
    .innerJoin(categories, eq(categories.id, providerCategories.categoryId))
    .where(eq(providerCategories.providerId, sam.id));
  service = offered[0]!;
  const all = await stack.deps.db.select({ id: categories.id, slug: categories.slug }).from(categories);
  notOffered = all.find((c) => !offered.some((o) => o.id === c.id))!;
  const now = stack.deps.now();
  const slots = await stack.anonymous.catalog.slots.query({
    providerId: sam.id,
    from: now.toISOString(),
    to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    hours: 1,
    viewerTimeZone: 'UTC',
  });
  // Every eighth start: requests here never touch one another.
  starts = isoSlotsOf(slots)
    .filter((_, i) => i % 8 === 0)
    .map((s) => s.start);
}, 120_000);
afterAll(() => stack?.close());

const request = (providerId: string, categoryId: string, startsAt: string) => ({
  providerId,
  categoryId,
  startsAt,
  hours: 1,
  details: 'Terms test: a loose hinge',
  specialRequirements: '',
  address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
  contactPhone: '+1 212 555 0100',
});

describe("a booking request's terms", () => {
  it('takes the provider and the service by id or by slug, priced at the provider’s rate', async () => {
    const byIds = await maya.bookings.request.mutate(request(sam.id, service.id, starts[0]!));
    const bySlugs = await maya.bookings.request.mutate(request(sam.slug, service.slug, starts[1]!));
    for (const b of [byIds, bySlugs]) {
      expect(b.provider.id).toBe(sam.id);
      expect(b.category.id).toBe(service.id);
      expect(b.price.hourlyRate).toBe(sam.hourlyRate);
    }
  });

  it('prices the service at its own rate where it has one, from the next request on', async () => {
    await stack.deps.db
      .update(providerCategories)
      .set({ hourlyRate: sam.hourlyRate + 1500 })
      .where(and(eq(providerCategories.providerId, sam.id), eq(providerCategories.categoryId, service.id)));
    const b = await maya.bookings.request.mutate(request(sam.id, service.slug, starts[2]!));
    expect(b.price.hourlyRate).toBe(sam.hourlyRate + 1500);
  });

  it('refuses an unknown or inactive provider, a service not offered, and booking oneself', async () => {
    expect(await codeOf(maya.bookings.request.mutate(request('nobody-by-this-name', service.id, starts[3]!)))).toBe('NOT_FOUND');
    const notOfferedError = await maya.bookings.request.mutate(request(sam.id, notOffered.id, starts[3]!)).catch((e: unknown) => e);
    expect(notOfferedError).toMatchObject({ data: { code: 'BAD_REQUEST' } });
    expect(String(notOfferedError)).toMatch(/does not offer that service/);
    const own = await stack.clientAs(demoEmails.sam);
    expect(await codeOf(own.bookings.request.mutate(request(sam.id, service.id, starts[3]!)))).toBe('FORBIDDEN');
    await stack.deps.db.update(providerProfiles).set({ active: false }).where(eq(providerProfiles.userId, sam.id));
    expect(await codeOf(maya.bookings.request.mutate(request(sam.slug, service.id, starts[3]!)))).toBe('NOT_FOUND');
    await stack.deps.db.update(providerProfiles).set({ active: true }).where(eq(providerProfiles.userId, sam.id));
    await maya.bookings.request.mutate(request(sam.slug, service.id, starts[3]!));
  });
});
