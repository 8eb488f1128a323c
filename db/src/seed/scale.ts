import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { categories, providerCategories, providerProfiles, schedules, users } from '../schema/index.ts';
import { categorySeeds, type CategorySlug } from './data/categories.ts';
import { scaleCities } from './data/cities.ts';
import { firstNames, lastNames } from './data/names.ts';
import { insertMany } from './insert.ts';
import { slugify } from './people.ts';
import { avatarSvg } from './photos/avatar.ts';
import { renderPhotos, seedPhotoUrl } from './photos/render.ts';
import { createRng } from './rng.ts';
import { drawSchedule } from './schedules.ts';
import { systemNow } from '../clock.ts';

export interface ScaleOptions {
  providers: number;
  rngSeed?: number;
  /** When given, the shared placeholder photo is rendered into `${dataDir}/uploads/seed/`. */
  dataDir?: string;
  now?: Date;
}

export interface ScaleSummary {
  created: boolean;
  providers: number;
  ms: number;
}

const PLACEHOLDER = 'placeholder.webp';

/** Ids shaped like UUIDs, made from a counter: cheap, unique per seed, stable between runs. */
function scaleId(seed: number, i: number): string {
  return `${(seed >>> 0).toString(16).padStart(8, '0')}-5ca1-4e00-8000-${i.toString(16).padStart(12, '0')}`;
}

/**
 * Benchmark data: `providers` providers across eight cities worldwide, each with one to three
 * categories and a weekly schedule, sharing one placeholder photo, with no bookings or accounts.
 * Multi-row inserts in one transaction. Running it again with the same seed changes nothing.
 */
export async function seedScale(db: Db, { providers, rngSeed = 7, dataDir, now = systemNow() }: ScaleOptions): Promise<ScaleSummary> {
  const started = performance.now();
  const firstId = scaleId(rngSeed, 0);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.id, firstId));
  if (existing || providers <= 0) return { created: false, providers: 0, ms: performance.now() - started };

  const rng = createRng(rngSeed);
  if (dataDir) {
    const look = {
      background: ['#e2e8f0', '#94a3b8'],
      skin: '#d49a6a',
      hair: '#3b2a20',
      hairStyle: 0,
      shirt: '#334155',
      glasses: false,
      category: 'handyman',
    } as const;
    await renderPhotos(dataDir, [{ file: PLACEHOLDER, svg: avatarSvg(look) }]);
  }
  const photoUrl = seedPhotoUrl(PLACEHOLDER);

  await db
    .insert(categories)
    .values(
      categorySeeds.map((c, position) => ({
        id: rng.uuid(),
        slug: c.slug,
        name: c.name,
        description: c.description,
        icon: c.icon,
        checklist: c.checklist,
        position,
      })),
    )
    .onConflictDoNothing({ target: categories.slug });
  const catRows = await db
    .select({ id: categories.id, slug: categories.slug })
    .from(categories)
    .where(
      inArray(
        categories.slug,
        categorySeeds.map((c) => c.slug),
      ),
    );
  const catId = new Map(catRows.map((c) => [c.slug, c.id]));
  const weightedCats = categorySeeds.map((c) => [c.slug, c.weight] as const);

  const userRows: (typeof users.$inferInsert)[] = [];
  const profileRows: (typeof providerProfiles.$inferInsert)[] = [];
  const catLinks: (typeof providerCategories.$inferInsert)[] = [];
  const scheduleRows: (typeof schedules.$inferInsert)[] = [];
  const created = new Date(now.getTime() - 400 * 86_400_000);
  for (let i = 0; i < providers; i++) {
    const id = scaleId(rngSeed, i);
    const city = rng.pick(scaleCities);
    const name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    const primary: CategorySlug = rng.weighted(weightedCats);
    const cats = new Set<CategorySlug>([primary]);
    for (let k = rng.int(0, 2); k > 0; k--) cats.add(rng.weighted(weightedCats));
    const slug = `${slugify(name)}-${rngSeed}-${i}`;
    const [lo, hi] = categorySeeds.find((c) => c.slug === primary)?.rate ?? [50, 90];
    userRows.push({
      id,
      name,
      email: `${slug}@scale.handled.test`,
      emailVerified: true,
      image: photoUrl,
      role: 'provider',
      timeZone: city.timeZone,
      createdAt: created,
      updatedAt: created,
    });
    const count = rng.int(0, 120);
    profileRows.push({
      userId: id,
      slug,
      displayName: name,
      headline: `${categorySeeds.find((c) => c.slug === primary)?.name ?? 'Home services'} in ${city.name}`,
      photoUrl,
      hourlyRate: rng.int(lo, hi) * 100,
      currency: city.currency,
      city: city.name,
      region: city.region,
      country: city.country,
      timeZone: city.timeZone,
      lat: Math.round((city.lat + (rng.next() - 0.5) * 0.5) * 1e6) / 1e6,
      lng: Math.round((city.lng + (rng.next() - 0.5) * 0.5) * 1e6) / 1e6,
      serviceRadiusKm: rng.pick([5, 10, 15, 20, 25]),
      ratingAvg: count ? rng.int(340, 500) : 0,
      ratingCount: count,
      completedJobs: count + rng.int(0, 30),
      taxBps: city.taxBps,
      cancellationPolicy: rng.pick(['flexible', 'moderate', 'strict'] as const),
      createdAt: created,
      updatedAt: created,
    });
    for (const c of cats) {
      const categoryId = catId.get(c);
      if (categoryId) catLinks.push({ providerId: id, categoryId });
    }
    scheduleRows.push({ providerId: id, timeZone: city.timeZone, ...drawSchedule(rng, primary), updatedAt: created });
  }

  await db.transaction(async (tx) => {
    await insertMany(tx, users, userRows);
    await insertMany(tx, providerProfiles, profileRows);
    await insertMany(tx, providerCategories, catLinks);
    await insertMany(tx, schedules, scheduleRows);
  });
  return { created: true, providers, ms: performance.now() - started };
}
