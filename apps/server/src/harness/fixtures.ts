import { eq } from 'drizzle-orm';
import { providerCategories, users } from '@handled/db/schema';
import type { TestStack } from '../testing/stack.ts';

/** A real booking request through the API: the client asks the provider for their first free slot. */
/** A request for the provider's first free start; `roomFor` hours must fit there (for tests that lengthen the job later). */
export async function createBookingFor(stack: TestStack, clientEmail: string, providerEmail: string, hours = 2, roomFor = hours) {
  const [provider] = await stack.deps.db.select().from(users).where(eq(users.email, providerEmail));
  if (!provider) throw new Error(`No provider ${providerEmail}`);
  const [cat] = await stack.deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, provider.id));
  if (!cat) throw new Error('Provider has no category');
  const now = stack.deps.now();
  const slots = await stack.anonymous.catalog.slots.query({
    providerId: provider.id,
    from: now.toISOString(),
    to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    hours: Math.max(hours, roomFor),
    viewerTimeZone: 'America/New_York',
  });
  const slot = slots.slots[0];
  if (!slot) throw new Error('Provider has no free slot in two weeks');
  const client = await stack.clientAs(clientEmail);
  return client.bookings.request.mutate({
    providerId: provider.id,
    categoryId: cat.categoryId,
    startsAt: slot.start,
    hours,
    details: 'Kitchen tap drips constantly; please bring washers.',
    specialRequirements: '',
    address: { line1: '350 W 42nd St', city: 'New York', region: 'NY', postalCode: '10036', country: 'US' },
    contactPhone: '+1 212 555 0188',
  });
}
