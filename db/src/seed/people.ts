import { firstNames, lastNames } from './data/names.ts';
import type { City, Neighbourhood } from './data/cities.ts';
import type { Rng } from './rng.ts';

export interface Person {
  first: string;
  last: string;
  name: string;
}

/** Draws full names, never the same one twice within a run. */
export function createNamePool(rng: Rng, taken: Iterable<string> = []) {
  const used = new Set(taken);
  return {
    next(): Person {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const first = rng.pick(firstNames);
        const last = rng.pick(lastNames);
        const name = `${first} ${last}`;
        if (used.has(name)) continue;
        used.add(name);
        return { first, last, name };
      }
      throw new Error('Ran out of distinct names');
    },
  };
}

/** "Tomás O'Connor" -> "tomas-oconnor". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function phoneIn(rng: Rng, city: City): string {
  const digits = city.phonePrefix.endsWith(' 0') || city.phonePrefix.endsWith(' 01') ? 2 : 3;
  return city.phonePrefix + String(rng.int(0, 10 ** digits - 1)).padStart(digits, '0');
}

/** A point near a neighbourhood centre, up to ~1.5 km away. */
export function jitter(rng: Rng, n: Neighbourhood, km = 1.5): { lat: number; lng: number } {
  const dLat = ((rng.next() * 2 - 1) * km) / 111;
  const dLng = ((rng.next() * 2 - 1) * km) / (111 * Math.cos((n.lat * Math.PI) / 180));
  return { lat: round6(n.lat + dLat), lng: round6(n.lng + dLng) };
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Splits `total` across weighted buckets (largest remainder), keeping at least one in each while possible. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map((x) => Math.floor(x));
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  let left = total - counts.reduce((s, c) => s + c, 0);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  for (let i = 0; i < counts.length && total >= counts.length; i++) {
    if (counts[i] === 0) {
      const donor = counts.indexOf(Math.max(...counts));
      counts[donor] = (counts[donor] ?? 0) - 1;
      counts[i] = 1;
    }
  }
  return counts;
}
