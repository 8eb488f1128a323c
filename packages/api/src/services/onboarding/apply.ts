import { isValidTimeZone } from '@handled/core/availability';
import { DomainError } from '@handled/core/errors';
import { countryFacts, currencyOfCountry } from '@handled/core/onboarding';
import type { ProviderApplication } from '@handled/core/schemas';
import type { SessionUser } from '../../context.ts';
import { findProvider } from '../../repositories/providers.ts';
import {
  categoriesByIds,
  insertProviderProfile,
  insertProviderReview,
  makeProvider,
  replaceServices,
  slugsLike,
} from '../../repositories/listings.ts';
import type { ServiceDeps } from '../deps.ts';
import { placeIn } from './area.ts';

/** "Rosa Díaz" → "rosa-diaz", then "-2", "-3"… past the slugs already taken. */
export function slugFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'provider';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A person applies to be a provider (a new account, or a client's own — who then keeps booking):
 * the listing starts in onboarding with the place and services they named, in their country's
 * currency, hidden until the desk's steps are done and an operator approves it. One transaction.
 */
export async function applyAsProvider(deps: ServiceDeps, user: SessionUser, input: ProviderApplication) {
  if (user.role === 'admin') throw new DomainError('FORBIDDEN', 'Administrator accounts cannot become providers. Use another account.');
  if (user.role === 'provider' || (await findProvider(deps.db, user.id)))
    throw new DomainError('ILLEGAL_TRANSITION', 'You already have a listing. Open Handled Desk to carry on.');
  const place = placeIn(input.country, input.place);
  const ids = [...new Set(input.categoryIds)];
  const known = await categoriesByIds(deps.db, ids);
  if (known.length !== ids.length)
    throw new DomainError('INVALID_INPUT', 'One of those services does not exist.', { field: 'categoryIds' });
  const facts = countryFacts[input.country];
  // The zone the browser gave at sign-up when it is one; else the country's main one (editable in the desk).
  const timeZone = user.timeZone !== 'UTC' && isValidTimeZone(user.timeZone) ? user.timeZone : facts.defaultTimeZone;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const slug = slugFor(user.name, await slugsLike(tx, slugFor(user.name, [])));
    await insertProviderProfile(tx, {
      userId: user.id,
      slug,
      displayName: user.name,
      hourlyRate: 0,
      currency: currencyOfCountry(input.country),
      city: place.city,
      region: place.region,
      country: input.country,
      postalCode: place.postalCode ?? '',
      timeZone,
      lat: place.lat,
      lng: place.lng,
      serviceRadiusKm: 15,
      listingStatus: 'onboarding',
      active: false,
      languages: ['en'],
      taxRegion: '',
      createdAt: now,
      updatedAt: now,
    });
    await replaceServices(
      tx,
      user.id,
      ids.map((categoryId) => ({ categoryId, hourlyRate: null })),
    );
    await makeProvider(tx, user.id, user.role === 'client', now);
    await insertProviderReview(tx, { providerId: user.id, action: 'applied', actorId: user.id, at: now });
  });
  return { providerId: user.id, slug: (await findProvider(deps.db, user.id))?.slug ?? null, deskUrl: deps.config.deskUrl };
}
