import type { ServiceAddress } from '../schema/index.ts';
import type { City } from './data/cities.ts';
import { jitter, phoneIn, slugify, type Person } from './people.ts';
import type { Rng } from './rng.ts';

const DAY = 86_400_000;

export interface ClientPlan {
  id: string;
  person: Person;
  email: string;
  phone: string;
  city: City;
  address: ServiceAddress;
  lat: number;
  lng: number;
  joinedAt: Date;
}

function unitLine(rng: Rng, city: City): string | undefined {
  if (!rng.chance(0.55)) return undefined;
  if (city.country === 'GB') return `Flat ${rng.int(1, 12)}`;
  if (city.country === 'AU') return `Unit ${rng.int(1, 30)}`;
  return `Apt ${rng.int(1, 9)}${rng.pick(['A', 'B', 'C', 'D', 'F', 'R'])}`;
}

export function drawClient(rng: Rng, person: Person, city: City, now: Date, email?: string): ClientPlan {
  const n = rng.pick(city.neighbourhoods);
  const line2 = unitLine(rng, city);
  const address: ServiceAddress = {
    // The street from the same neighbourhood as the postal code (a Manhattan street with a Brooklyn ZIP reads as made up).
    line1: `${rng.int(2, 480)} ${rng.pick(n.streets)}`,
    ...(line2 ? { line2 } : {}),
    city: city.name,
    region: city.region,
    postalCode: n.postalCode,
    country: city.country,
  };
  return {
    id: rng.uuid(),
    person,
    email: email ?? `${slugify(person.name).replace(/-/g, '.')}@seed.handled.test`,
    phone: phoneIn(rng, city),
    city,
    address,
    ...jitter(rng, n, 2.5),
    joinedAt: new Date(now.getTime() - rng.int(400, 900) * DAY),
  };
}
