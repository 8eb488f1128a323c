import type { CancellationPolicyName } from '@handled/core/booking';
import type { Currency } from '@handled/core/money';
import { categorySeeds, type CategorySeed, type CategorySlug } from './data/categories.ts';
import { apprenticeOpener, bioClosers, bioOpeners, bioStyles, categoryCopy } from './data/copy.ts';
import type { City, Neighbourhood } from './data/cities.ts';
import { drawAvatarLook, type AvatarLook } from './photos/avatar.ts';
import { jitter, phoneIn, slugify, type Person } from './people.ts';
import type { Rng } from './rng.ts';
import { drawOverrides, drawSchedule, type OverridePlan, type SchedulePlan } from './schedules.ts';

const DAY = 86_400_000;

/** Categories that go together on one tradesperson's card. */
const companions: Record<CategorySlug, CategorySlug[]> = {
  cleaning: ['moving-help'],
  plumbing: ['appliance-repair', 'handyman'],
  electrical: ['appliance-repair', 'handyman'],
  handyman: ['painting', 'moving-help', 'gardening'],
  gardening: ['handyman'],
  painting: ['handyman'],
  'moving-help': ['handyman', 'cleaning'],
  'dog-walking': [],
  'appliance-repair': ['plumbing', 'electrical'],
  'pest-control': [],
};

export interface ProviderPlan {
  id: string;
  person: Person;
  email: string;
  phone: string;
  slug: string;
  city: City;
  neighbourhood: Neighbourhood;
  lat: number;
  lng: number;
  radiusKm: number;
  categories: CategorySlug[];
  headline: string;
  bio: string;
  hourlyRate: number;
  currency: Currency;
  taxBps: number;
  policy: CancellationPolicyName;
  requiresUpfrontPayment: boolean;
  schedule: SchedulePlan;
  overrides: OverridePlan[];
  look: AvatarLook;
  /** How their clients tend to rate them: 0 is middling, 1 is excellent. */
  quality: number;
  joinedAt: Date;
  /** Share of their completed jobs a client bothered to review. */
  reviewRate: number;
}

export function categorySeed(slug: CategorySlug): CategorySeed {
  const c = categorySeeds.find((x) => x.slug === slug);
  if (!c) throw new RangeError(`Unknown category ${slug}`);
  return c;
}

/** A local hourly rate in minor units: the category's New York range, scaled to the city, rounded like a person would. */
export function localRate(rng: Rng, slug: CategorySlug, city: City): number {
  const [lo, hi] = categorySeed(slug).rate;
  const major = (lo + rng.next() * (hi - lo)) * city.rateFactor;
  const step = major >= 100 ? 5 : 1;
  return Math.round(major / step) * step * 100;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

export function writeBio(rng: Rng, slug: CategorySlug, city: City, area: string): string {
  const copy = categoryCopy[slug];
  const vars = { trade: copy.trade, business: copy.business, years: String(rng.int(3, 24)), area, city: city.name };
  const openers = copy.apprenticed ? [...bioOpeners, apprenticeOpener] : bioOpeners;
  const parts = [fill(rng.pick(openers), vars), rng.pick(copy.specialties), rng.pick(bioStyles)];
  if (rng.chance(0.55)) parts.push(rng.pick(bioClosers));
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface DrawProviderInput {
  person: Person;
  city: City;
  primary: CategorySlug;
  now: Date;
  slugTaken: (slug: string) => boolean;
}

export function drawProvider(rng: Rng, { person, city, primary, now, slugTaken }: DrawProviderInput): ProviderPlan {
  const neighbourhood = rng.pick(city.neighbourhoods);
  const extra = companions[primary].length > 0 && rng.chance(0.55) ? rng.sample(companions[primary], rng.int(1, 2)) : [];
  let slug = slugify(`${person.name} ${categoryCopy[primary].trade}`);
  for (let n = 2; slugTaken(slug); n++) slug = slugify(`${person.name} ${categoryCopy[primary].trade} ${n}`);
  const quality = rng.next() < 0.12 ? rng.next() * 0.4 : 0.5 + rng.next() * 0.5;
  return {
    id: rng.uuid(),
    person,
    email: `${slug}@seed.handled.test`,
    phone: phoneIn(rng, city),
    slug,
    city,
    neighbourhood,
    ...jitter(rng, neighbourhood),
    radiusKm: rng.pick([5, 8, 10, 12, 15, 20, 25]),
    categories: [primary, ...extra],
    headline: rng.pick(categoryCopy[primary].headlines),
    bio: writeBio(rng, primary, city, neighbourhood.name),
    hourlyRate: localRate(rng, primary, city),
    currency: city.currency,
    taxBps: city.taxBps,
    policy: rng.weighted<CancellationPolicyName>([
      ['flexible', 5],
      ['moderate', 3],
      ['strict', 1],
    ]),
    requiresUpfrontPayment: rng.chance(0.85),
    schedule: drawSchedule(rng, primary),
    overrides: drawOverrides(rng, city.timeZone, now),
    look: drawAvatarLook(rng, primary),
    quality,
    joinedAt: new Date(now.getTime() - rng.int(220, 1200) * DAY),
    reviewRate: 0.6 + rng.next() * 0.35,
  };
}
