import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { startTestStack, type TestStack } from '@handled/testing';
import { ana, codeOf, completeListing, createBookingFor, mailTo, maya, photoWithExif, signUp, upload } from '@handled/testing/fixtures';
import { providerProfiles, users } from '@handled/db/schema';

/**
 * Issue 15, a provider's way in: a new person applies, builds the listing step by step (photo
 * and gallery through the upload checks, services and rates, area, policies, hours, payouts), sends
 * it for review, is sent back with a reason, approved, appears in search and takes a booking; a new
 * rate later never moves that booking's price. Everything through the real API.
 */
let stack: TestStack;
let rosa: Awaited<ReturnType<typeof signUp>>;
const ROSA = 'rosa.diaz@example.test';

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  rosa = await signUp(stack, { name: 'Rosa Díaz', email: ROSA });
});
afterAll(() => stack?.close());

const categories = async () => stack.anonymous.catalog.categories.query();
const slugOf = async (slug: string) => {
  const c = (await categories()).find((x) => x.slug === slug);
  if (!c) throw new Error(`no category ${slug}`);
  return c.id;
};
const listedInBrooklyn = async (category: string) =>
  (await stack.anonymous.catalog.search.query({ category, city: 'Brooklyn', sort: 'best', pageSize: 50 })).items.some(
    (p) => p.id === rosa.userId,
  );

describe('provider application and onboarding', () => {
  it('applies from a new account: a listing in onboarding, hidden, in the country’s currency, the account both client and provider', async () => {
    const cleaning = await slugOf('cleaning');
    // A place that is not in the country is refused beside the field, and nothing is written.
    const bad = await rosa.api.onboarding.createListing
      .mutate({ country: 'US', place: 'Xyzzyville', categoryIds: [cleaning] })
      .catch((e: unknown) => e);
    expect(JSON.stringify((bad as { data?: unknown }).data)).toContain('place');
    expect(await stack.deps.db.$count(providerProfiles, eq(providerProfiles.userId, rosa.userId))).toBe(0);

    await rosa.api.onboarding.createListing.mutate({ country: 'US', place: '11215', categoryIds: [cleaning, await slugOf('handyman')] });
    const me = await rosa.api.account.me.query();
    expect(me.role).toBe('provider');
    expect(me.alsoClient).toBe(true);
    const listing = await rosa.api.onboarding.listing.query();
    expect(listing.status).toBe('onboarding');
    expect(listing.listed).toBe(false);
    expect(listing.currency).toBe('USD');
    expect(listing.area.description.centre.city).toBe('Brooklyn');
    expect(listing.readiness.requiredLeft.map((s) => s.id)).toEqual(['profile', 'services', 'policies', 'availability', 'payouts']);
    expect(listing.headline).toBe('5 steps left before clients can book you.');
    expect(await listedInBrooklyn('cleaning')).toBe(false);
    // Applying twice is refused.
    expect(await codeOf(rosa.api.onboarding.createListing.mutate({ country: 'US', place: '11215', categoryIds: [cleaning] }))).toBe(
      'CONFLICT',
    );
    // Not ready: sending for review says what is left.
    await expect(rosa.api.onboarding.submit.mutate()).rejects.toThrow(/Finish these first: Add a profile photo/);
  });

  it('stores photos only after the upload checks: re-encoded, square, no EXIF; the gallery uploads, reorders and deletes', async () => {
    const notAPhoto = await upload(
      stack,
      rosa.token,
      '/uploads/profile-photo',
      new TextEncoder().encode('<script>alert(1)</script>'),
      'image/jpeg',
    );
    expect(notAPhoto.status).toBe(415);
    const photo = await upload(stack, rosa.token, '/uploads/profile-photo', await photoWithExif(1200, 900));
    expect(photo.status).toBe(201);
    const url = String(photo.body?.['url']);
    expect(url).toMatch(/^\/files\/providers\/[\w-]+\/[\w-]+\.webp$/);
    const served = await fetch(`${stack.apiUrl}${url}`);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([800, 800, undefined]);
    expect((await fetch(`${stack.apiUrl}${url}?w=96`)).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}${url}?w=97`)).status).toBe(400);

    for (const r of [200, 60, 120]) {
      const added = await upload(stack, rosa.token, '/uploads/gallery', await photoWithExif(1600, 1000, { r, g: 90, b: 30 }));
      expect(added.status).toBe(201);
    }
    let { gallery } = await rosa.api.onboarding.listing.query();
    expect(gallery).toHaveLength(3);
    const reversed = [...gallery].reverse().map((g) => g.id);
    expect((await rosa.api.onboarding.reorderGallery.mutate({ ids: reversed })).map((g) => g.id)).toEqual(reversed);
    // A stale order (a photo missing) is refused, the order stays.
    expect(await codeOf(rosa.api.onboarding.reorderGallery.mutate({ ids: reversed.slice(1) }))).toBe('BAD_REQUEST');
    const after = await rosa.api.onboarding.deleteGalleryPhoto.mutate({ id: reversed[0]! });
    expect(after.map((g) => g.id)).toEqual(reversed.slice(1));
    expect((await fetch(`${stack.apiUrl}${gallery.find((g) => g.id === reversed[0])!.url}`)).status).toBe(404);
    ({ gallery } = await rosa.api.onboarding.listing.query());
    expect(gallery).toHaveLength(2);
    // Another provider cannot remove Rosa's photos.
    const sam = await stack.clientAs('sam@demo.handled.test');
    expect(await codeOf(sam.onboarding.deleteGalleryPhoto.mutate({ id: gallery[0]!.id }))).toBe('NOT_FOUND');
  });

  it('refuses bad listing input beside the field and keeps the listing as it was', async () => {
    expect(
      await codeOf(rosa.api.onboarding.saveProfile.mutate({ displayName: 'R', headline: 'short', bio: 'tiny', languages: ['xx'] })),
    ).toBe('BAD_REQUEST');
    expect(
      await codeOf(rosa.api.onboarding.savePolicies.mutate({ cancellationPolicy: 'strict', paymentRule: 'full', taxRegion: 'GB-VAT' })),
    ).toBe('BAD_REQUEST');
    const area = await rosa.api.onboarding.previewArea.query({ place: '10001', radiusKm: 10 });
    expect(area.summary).toMatch(/^Within 10 km of 10001/);
    expect(area.nearby.length).toBeGreaterThan(0);
    expect(area.nearby.every((n) => n.distanceKm <= 10)).toBe(true);
    const listing = await rosa.api.onboarding.listing.query();
    expect(listing.policies.taxRegion).toBe('');
    expect(listing.area.place).toBe('11215');
  });

  it('goes to review once complete, comes back with the operator’s reason, is approved and appears in search', async () => {
    const done = await completeListing(stack, rosa);
    expect(done.readiness.complete).toBe(true);
    expect(done.listed).toBe(false);
    expect((await rosa.api.onboarding.submit.mutate()).status).toBe('submitted');

    const admin = await stack.clientAs(ana);
    expect((await admin.vetting.queue.query({ status: 'submitted' })).items.map((i) => i.id)).toContain(rosa.userId);
    const review = await admin.vetting.listing.query({ providerId: rosa.userId });
    expect(review.gallery).toHaveLength(2);
    expect(review.services.items.map((s) => s.slug).sort()).toEqual(['cleaning', 'handyman']);
    await admin.vetting.sendBack.mutate({ providerId: rosa.userId, note: 'Please add a photo of a finished kitchen.' });
    const back = await rosa.api.onboarding.listing.query();
    expect([back.status, back.reviewNote, back.listed]).toEqual(['changes_requested', 'Please add a photo of a finished kitchen.', false]);
    expect((await mailTo(stack, ROSA, /A few changes/)).text).toContain('Please add a photo of a finished kitchen.');

    await rosa.api.onboarding.submit.mutate();
    const approved = await admin.vetting.approve.mutate({ providerId: rosa.userId });
    expect([approved.status, approved.listed]).toEqual(['approved', true]);
    expect(approved.history.map((h) => h.action)).toEqual(['approved', 'submitted', 'changes_requested', 'submitted', 'applied']);
    expect(await listedInBrooklyn('cleaning')).toBe(true);
    expect((await stack.anonymous.catalog.provider.query({ id: approved.slug })).displayName).toBe('Rosa Díaz');
    expect((await mailTo(stack, ROSA, /listing is live/)).subject).toBe('Your Handled listing is live');
  });

  it('keeps a booking’s price when the rate changes; a service’s own rate prices new requests', async () => {
    const booking = await createBookingFor(stack, maya, ROSA, 2);
    expect(booking.price.hourlyRate).toBe(4500);
    const { services } = await rosa.api.onboarding.listing.query();
    await rosa.api.onboarding.saveServices.mutate({
      hourlyRate: 5000,
      services: services.items.map((s) => ({ categoryId: s.categoryId, hourlyRate: s.categoryId === booking.category.id ? 7000 : null })),
    });
    const again = await (await stack.clientAs(maya)).bookings.get.query({ id: booking.id });
    expect(again.price).toEqual(booking.price);
    const quote = await stack.anonymous.catalog.quote.query({ providerId: rosa.userId, hours: 2, categoryId: booking.category.id });
    expect(quote.hourlyRate).toBe(7000);
    const other = services.items.find((s) => s.categoryId !== booking.category.id)!;
    expect(
      (await stack.anonymous.catalog.quote.query({ providerId: rosa.userId, hours: 2, categoryId: other.categoryId })).hourlyRate,
    ).toBe(5000);
    // Rosa books too (she kept her client account), and cannot book herself.
    const asClient = await rosa.api.account.bookingDefaults.query();
    expect(asClient.addresses).toEqual([]);
  });

  it('is hidden while suspended and shown again when reinstated', async () => {
    const admin = await stack.clientAs(ana);
    await admin.vetting.suspend.mutate({ providerId: rosa.userId, note: 'Two clients reported no-shows this week.' });
    expect(await listedInBrooklyn('cleaning')).toBe(false);
    expect((await rosa.api.onboarding.listing.query()).reviewNote).toBe('Two clients reported no-shows this week.');
    expect(await codeOf(rosa.api.onboarding.submit.mutate())).toBe('CONFLICT');
    await admin.vetting.reinstate.mutate({ providerId: rosa.userId });
    expect(await listedInBrooklyn('cleaning')).toBe(true);
    const [row] = await stack.deps.db.select({ image: users.image }).from(users).where(eq(users.id, rosa.userId));
    expect(row?.image).toMatch(/^\/files\/providers\//);
  });

  it('takes a provider’s listing down and removes its photos when the provider deletes the account', async () => {
    const theo = await signUp(stack, { name: 'Theo Brandt', email: 'theo.brandt@example.test' });
    await theo.api.onboarding.createListing.mutate({ country: 'GB', place: 'SW4 7AB', categoryIds: [await slugOf('gardening')] });
    expect((await theo.api.onboarding.listing.query()).currency).toBe('GBP');
    const photo = await upload(stack, theo.token, '/uploads/profile-photo', await photoWithExif(600, 600));
    const url = String(photo.body?.['url']);
    expect((await fetch(`${stack.apiUrl}${url}`)).status).toBe(200);
    await theo.api.account.deleteAccount.mutate({ password: 'demo-pass-2026', confirm: 'DELETE' });
    const [row] = await stack.deps.db.select().from(providerProfiles).where(eq(providerProfiles.userId, theo.userId));
    expect([row?.displayName, row?.active, row?.photoUrl, row?.listingStatus]).toEqual(['Former provider', false, null, 'suspended']);
    expect((await fetch(`${stack.apiUrl}${url}`)).status).toBe(404);
    await expect(stack.signIn('theo.brandt@example.test')).rejects.toThrow(/401/);
  });
});
