import { cancellationPolicyNames, describePolicy } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import {
  findTaxRegion,
  isListed,
  isServedCountry,
  listingHeadline,
  listingReadiness,
  paymentRuleOf,
  paymentRules,
  taxRegionsOf,
  type ListingFacts,
} from '@handled/core/onboarding';
import type { z } from 'zod';
import type { listingPoliciesSchema, listingProfileSchema, listingServicesSchema, serviceAreaSchema } from '@handled/core/schemas';
import type { DbOrTx } from '@handled/db';
import { findProvider, type ProviderRow } from '../../repositories/providers.ts';
import {
  categoriesByIds,
  galleryOf,
  insertProviderReview,
  listingSideFacts,
  replaceServices,
  servicesOf,
  setScheduleZone,
  updateListing,
} from '../../repositories/listings.ts';
import type { Place } from '../discovery/places.ts';
import { connectView } from '../payments/connect.ts';
import type { ServiceDeps } from '../deps.ts';
import { describeArea, placeIn } from './area.ts';

const noListing = () => new DomainError('NOT_FOUND', 'You have no listing yet. Apply to become a provider first.');

async function listingOrThrow(db: DbOrTx, providerId: string): Promise<ProviderRow> {
  const p = await findProvider(db, providerId);
  if (!p) throw noListing();
  return p;
}

function hasHours(weekly: Record<string, { start: string; end: string }[]> | null | undefined): boolean {
  return !!weekly && Object.values(weekly).some((ranges) => ranges.length > 0);
}

/** The place a listing is centred on, as search knows it. */
export function placeOf(p: ProviderRow): Place {
  return {
    kind: p.postalCode ? 'postal_code' : 'city',
    label: p.postalCode ? `${p.postalCode} · ${p.city}${p.region ? `, ${p.region}` : ''}` : `${p.city}, ${p.country}`,
    country: p.country,
    postalCode: p.postalCode || null,
    city: p.city,
    region: p.region,
    lat: p.lat,
    lng: p.lng,
    precisionKm: 0,
  };
}

/** Everything the checklist decides on, read in one go (inside a transaction when one is given). */
export async function listingFactsOf(db: DbOrTx, p: ProviderRow): Promise<ListingFacts> {
  const [side, services, gallery] = await Promise.all([listingSideFacts(db, p.userId), servicesOf(db, p.userId), galleryOf(db, p.userId)]);
  return {
    displayName: p.displayName,
    headline: p.headline,
    bio: p.bio,
    photoUrl: p.photoUrl,
    languages: p.languages,
    galleryCount: gallery.length,
    hourlyRate: p.hourlyRate,
    categoryCount: services.length,
    serviceArea: p.city ? { place: placeOf(p).label, radiusKm: p.serviceRadiusKm } : null,
    taxRegion: p.taxRegion,
    hasAvailability: hasHours(side?.weekly) || (p.calendarMode === 'calcom' && side?.calendarStatus === 'connected'),
    payoutsReady: p.payoutsEnabled,
    telegramLinked: !!side?.telegram,
    notificationsChosen: !!side?.choices && Object.keys(side.choices).length > 0,
  };
}

/**
 * After any change to a listing: it is shown in search exactly while it is approved and can still be
 * booked (core's isListed). Runs in the change's own transaction, so search never sees one without
 * the other.
 */
export async function relist(tx: DbOrTx, providerId: string): Promise<void> {
  const p = await listingOrThrow(tx, providerId);
  const listed = isListed(p.listingStatus, await listingFactsOf(tx, p));
  if (listed !== p.active) await updateListing(tx, providerId, { active: listed });
}

/** The provider's listing as the desk's onboarding and profile screens show and edit it. */
export async function listingView(deps: ServiceDeps, providerId: string) {
  const p = await listingOrThrow(deps.db, providerId);
  const [facts, services, gallery] = await Promise.all([
    listingFactsOf(deps.db, p),
    servicesOf(deps.db, providerId),
    galleryOf(deps.db, providerId),
  ]);
  const readiness = listingReadiness(facts);
  const region = findTaxRegion(p.taxRegion);
  return {
    id: p.userId,
    slug: p.slug,
    publicUrl: `${deps.config.webUrl}/providers/${p.slug}`,
    deskUrl: deps.config.deskUrl,
    status: p.listingStatus,
    listed: p.active,
    headline: listingHeadline(p.listingStatus, readiness, p.active),
    reviewNote: p.listingStatus === 'changes_requested' || p.listingStatus === 'suspended' ? p.reviewNote : null,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    readiness,
    country: p.country,
    currency: p.currency,
    profile: { displayName: p.displayName, headline: p.headline, bio: p.bio, photoUrl: p.photoUrl, languages: p.languages },
    gallery: gallery.map((g) => ({ id: g.id, url: g.url, caption: g.caption, position: g.position })),
    services: {
      hourlyRate: p.hourlyRate,
      items: services.map((s) => ({ categoryId: s.id, slug: s.slug, name: s.name, hourlyRate: s.hourlyRate })),
    },
    area: {
      place: p.postalCode || p.city,
      radiusKm: p.serviceRadiusKm,
      timeZone: p.timeZone,
      description: describeArea(placeOf(p), p.serviceRadiusKm),
    },
    policies: {
      cancellationPolicy: p.cancellationPolicy,
      paymentRule: paymentRuleOf(p.depositBps),
      taxRegion: p.taxRegion,
      taxLabel: region?.label ?? null,
      taxRegions: taxRegionsOf(p.country),
      paymentRules,
      presets: cancellationPolicyNames.map((name) => ({ name, description: describePolicy(name) })),
    },
    payouts: connectView(p),
  };
}
export type ListingView = Awaited<ReturnType<typeof listingView>>;

/** Applies one edit and relists in the same transaction, then answers the listing as it now is. */
async function edit(deps: ServiceDeps, providerId: string, change: (tx: DbOrTx, p: ProviderRow) => Promise<void>) {
  await deps.db.transaction(async (tx) => {
    const p = await listingOrThrow(tx, providerId);
    await change(tx, p);
    await relist(tx, providerId);
  });
  return listingView(deps, providerId);
}

export function saveListingProfile(deps: ServiceDeps, providerId: string, input: z.output<typeof listingProfileSchema>) {
  return edit(deps, providerId, (tx) =>
    updateListing(tx, providerId, {
      displayName: input.displayName,
      headline: input.headline,
      bio: input.bio,
      languages: [...new Set(input.languages)],
      updatedAt: deps.now(),
    }),
  );
}

/**
 * The provider's own rate and the services they offer, each at that rate or its own. Bookings keep
 * the price they were made at (their snapshot): a new rate applies to new requests only.
 */
export function saveListingServices(deps: ServiceDeps, providerId: string, input: z.output<typeof listingServicesSchema>) {
  return edit(deps, providerId, async (tx) => {
    const ids = input.services.map((s) => s.categoryId);
    const known = await categoriesByIds(tx, ids);
    if (known.length !== new Set(ids).size)
      throw new DomainError('INVALID_INPUT', 'One of those services does not exist.', { field: 'services' });
    await updateListing(tx, providerId, { hourlyRate: input.hourlyRate, updatedAt: deps.now() });
    // A service's rate equal to the provider's own is stored as "the provider's rate", so it follows later changes.
    await replaceServices(
      tx,
      providerId,
      input.services.map((s) => ({ categoryId: s.categoryId, hourlyRate: s.hourlyRate === input.hourlyRate ? null : s.hourlyRate })),
    );
  });
}

/** The area a place and radius would cover, before saving it (the desk's preview as the provider types). */
export async function previewServiceArea(deps: ServiceDeps, providerId: string, input: { place: string; radiusKm: number }) {
  const p = await listingOrThrow(deps.db, providerId);
  if (!isServedCountry(p.country)) throw new DomainError('INVALID_INPUT', 'Handled does not work in this country yet.');
  return describeArea(placeIn(p.country, input.place), input.radiusKm);
}

export function saveServiceArea(deps: ServiceDeps, providerId: string, input: z.output<typeof serviceAreaSchema>) {
  return edit(deps, providerId, async (tx, p) => {
    if (!isServedCountry(p.country)) throw new DomainError('INVALID_INPUT', 'Handled does not work in this country yet.');
    const place = placeIn(p.country, input.place);
    await updateListing(tx, providerId, {
      city: place.city,
      region: place.region,
      postalCode: place.postalCode ?? '',
      lat: place.lat,
      lng: place.lng,
      serviceRadiusKm: input.radiusKm,
      timeZone: input.timeZone,
      updatedAt: deps.now(),
    });
    await setScheduleZone(tx, providerId, input.timeZone);
  });
}

export function saveListingPolicies(deps: ServiceDeps, providerId: string, input: z.output<typeof listingPoliciesSchema>) {
  return edit(deps, providerId, async (tx, p) => {
    const region = findTaxRegion(input.taxRegion);
    if (!region || region.country !== p.country)
      throw new DomainError('INVALID_INPUT', 'Choose a tax region in the country you work in.', { field: 'taxRegion' });
    const rule = paymentRules.find((r) => r.id === input.paymentRule) ?? paymentRules[0];
    await updateListing(tx, providerId, {
      cancellationPolicy: input.cancellationPolicy,
      requiresUpfrontPayment: true,
      depositBps: rule.depositBps,
      taxRegion: region.id,
      taxBps: region.bps,
      updatedAt: deps.now(),
    });
  });
}

/** Sends a complete listing to the operators' queue (again, after changes they asked for). */
export async function submitListing(deps: ServiceDeps, providerId: string) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const p = await listingOrThrow(tx, providerId);
    if (p.listingStatus !== 'onboarding' && p.listingStatus !== 'changes_requested')
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        p.listingStatus === 'submitted'
          ? 'Your listing is already with our team.'
          : p.listingStatus === 'approved'
            ? 'Your listing is already approved.'
            : 'A suspended listing cannot be sent for review. Contact support.',
      );
    const readiness = listingReadiness(await listingFactsOf(tx, p));
    if (!readiness.complete)
      throw new DomainError('ILLEGAL_TRANSITION', `Finish these first: ${readiness.requiredLeft.flatMap((s) => s.left).join('; ')}.`, {
        left: readiness.requiredLeft.map((s) => s.id),
      });
    await updateListing(tx, providerId, { listingStatus: 'submitted', submittedAt: now, reviewNote: null, updatedAt: now });
    await insertProviderReview(tx, { providerId, action: 'submitted', actorId: providerId, at: now });
  });
  return listingView(deps, providerId);
}
