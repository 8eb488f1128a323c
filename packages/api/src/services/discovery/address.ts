import { DomainError } from '@handled/core/errors';
import { findProvider } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { distanceKm, lookupPostalCode, postalFormatError, supportedPostalCountries } from './places.ts';

export type AddressCheck =
  { ok: true; distanceKm: number | null; place: string | null } | { ok: false; field: 'postalCode' | 'country'; message: string };

/**
 * Whether a service address can be booked with this provider: the postal code's format for the
 * country, that it exists in the offline dataset, and that it lies inside the provider's service
 * area (allowing for how coarse the dataset is there). Countries without a dataset pass on format.
 */
export async function checkServiceAddress(
  deps: ServiceDeps,
  input: { providerId: string; country: string; postalCode: string },
): Promise<AddressCheck> {
  const p = await findProvider(deps.db, input.providerId);
  if (!p || !p.active) throw new DomainError('NOT_FOUND', 'We could not find that provider.');
  const country = input.country.trim().toUpperCase();
  const code = input.postalCode.trim();
  const format = postalFormatError(country, code);
  if (format) return { ok: false, field: 'postalCode', message: format };
  if (!(supportedPostalCountries as readonly string[]).includes(country)) {
    if (country !== p.country) return { ok: false, field: 'country', message: `${p.displayName} works in ${p.country} only.` };
    return { ok: true, distanceKm: null, place: null };
  }
  const place = lookupPostalCode(country, code);
  if (!place)
    return { ok: false, field: 'postalCode', message: `We can't find the postal code ${code.toUpperCase()}. Check it and try again.` };
  const d = distanceKm(place, p);
  if (d > p.serviceRadiusKm + place.precisionKm) {
    return {
      ok: false,
      field: 'postalCode',
      message: `${place.label} is about ${Math.round(d)} km away — outside ${p.displayName}'s ${Math.round(p.serviceRadiusKm)} km service area.`,
    };
  }
  return { ok: true, distanceKm: Math.round(d * 10) / 10, place: place.label };
}
