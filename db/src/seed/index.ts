import { hashPassword } from 'better-auth/crypto';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  accounts,
  bookingEvents,
  bookings,
  categories,
  favourites,
  invoices,
  ledgerEntries,
  payments,
  payouts,
  providerCategories,
  providerPhotos,
  providerProfiles,
  reviews,
  scheduleOverrides,
  schedules,
  users,
} from '../schema/index.ts';
import type { HistoryContext } from './booking-rows.ts';
import { categorySeeds, type CategorySlug } from './data/categories.ts';
import { cities } from './data/cities.ts';
import { drawClient, type ClientPlan } from './clients.ts';
import { DEMO_PASSWORD, demoAccounts, demoAdmin, demoClients, demoProviders, type DemoAccount } from './demo.ts';
import { drawHistory, providerStats } from './history.ts';
import { insertMany } from './insert.ts';
import { apportion, createNamePool } from './people.ts';
import { planPhotos } from './photos/plan.ts';
import { renderPhotos } from './photos/render.ts';
import { drawProvider, type ProviderPlan } from './providers.ts';
import { createRng, type Rng } from './rng.ts';

export { DEMO_PASSWORD, demoEmails, type DemoAccount } from './demo.ts';
export { seedScale, type ScaleOptions, type ScaleSummary } from './scale.ts';

export interface SeedOptions {
  /** Photos go to `${dataDir}/uploads/seed/`, served at `/files/seed/`. */
  dataDir: string;
  /** Everything (history, upcoming jobs, schedule exceptions) is placed relative to this instant. */
  now: Date;
  /** Providers in total, the two demo providers included. */
  providers?: number;
  rngSeed?: number;
}

export interface SeedCounts {
  categories: number;
  providers: number;
  clients: number;
  bookings: number;
  completedBookings: number;
  reviews: number;
  photos: number;
}

export interface SeedSummary {
  /** False when the demo admin already existed and nothing was written. */
  created: boolean;
  demoAccounts: DemoAccount[];
  counts: SeedCounts;
}

async function countRows(db: Db): Promise<SeedCounts> {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  return {
    categories: await n(db.select({ n: count() }).from(categories)),
    providers: await n(db.select({ n: count() }).from(providerProfiles)),
    clients: await n(db.select({ n: count() }).from(users).where(eq(users.role, 'client'))),
    bookings: await n(db.select({ n: count() }).from(bookings)),
    completedBookings: await n(db.select({ n: count() }).from(bookings).where(eq(bookings.status, 'completed'))),
    reviews: await n(db.select({ n: count() }).from(reviews)),
    photos: await n(db.select({ n: count() }).from(providerPhotos)),
  };
}

function generatedProviders(
  rng: Rng,
  total: number,
  now: Date,
  names: ReturnType<typeof createNamePool>,
  slugs: Set<string>,
): ProviderPlan[] {
  const perCity = apportion(
    total,
    cities.map((c) => c.weight),
  );
  // Every city gets each trade once before any trade gets a second provider there.
  const byWeight = [...categorySeeds].sort((a, b) => b.weight - a.weight).map((c) => c.slug);
  const out: ProviderPlan[] = [];
  cities.forEach((city, ci) => {
    for (let i = 0; i < (perCity[ci] ?? 0); i++) {
      const primary: CategorySlug = byWeight[i] ?? rng.weighted(categorySeeds.map((c) => [c.slug, c.weight] as const));
      const p = drawProvider(rng, { person: names.next(), city, primary, now, slugTaken: (s) => slugs.has(s) });
      slugs.add(p.slug);
      out.push(p);
    }
  });
  return out;
}

/**
 * Fills a freshly migrated database with a believable marketplace: categories, providers in four
 * cities with schedules and photos, clients, six months of bookings with invoices, payments and
 * reviews, and the demo accounts. Deterministic for (rngSeed, now, providers). Idempotent: when
 * the demo admin exists it writes nothing and returns what is there.
 */
export async function seed(db: Db, { dataDir, now, providers = 72, rngSeed = 42 }: SeedOptions): Promise<SeedSummary> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoAdmin.email));
  if (admin) return { created: false, demoAccounts: demoAccounts(), counts: await countRows(db) };

  const rng = createRng(rngSeed);
  const categoryRows = categorySeeds.map((c, position) => ({
    id: rng.uuid(),
    slug: c.slug,
    name: c.name,
    description: c.description,
    icon: c.icon,
    checklist: c.checklist,
    position,
  }));
  const categoryIds = Object.fromEntries(categoryRows.map((c) => [c.slug, c.id])) as Record<CategorySlug, string>;

  const names = createNamePool(rng, ['Maya Lopez', 'Leo Hartley', 'Sam Okafor', 'Priya Shah', demoAdmin.name]);
  const demoP = demoProviders(rng, now);
  const demoC = demoClients(rng, now);
  const slugs = new Set(demoP.map((p) => p.slug));
  const providerPlans = [...demoP, ...generatedProviders(rng, Math.max(0, providers - demoP.length), now, names, slugs)];
  const clientTotal = Math.max(12, Math.round(providers * 0.55));
  const perCity = apportion(
    clientTotal,
    cities.map((c) => c.weight),
  );
  const clientPlans: ClientPlan[] = [...demoC];
  cities.forEach((city, ci) => {
    for (let i = 0; i < (perCity[ci] ?? 0); i++) clientPlans.push(drawClient(rng, names.next(), city, now));
  });

  const ctx: HistoryContext = {
    rng,
    now,
    rows: { bookings: [], events: [], invoices: [], payments: [], reviews: [], payouts: [], ledger: [] },
    references: new Set(),
    categoryIds,
    invoiceCount: 0,
  };
  drawHistory(ctx, { providers: providerPlans, clients: clientPlans });
  const stats = providerStats(ctx);

  const photos = planPhotos(rng, providerPlans);
  const adminId = rng.uuid();
  const [hash] = await Promise.all([hashPassword(DEMO_PASSWORD), renderPhotos(dataDir, photos.jobs)]);

  const userRows = [
    ...providerPlans.map((p) => ({
      id: p.id,
      name: p.person.name,
      email: p.email,
      emailVerified: true,
      image: photos.avatars.get(p.id) ?? null,
      role: 'provider' as const,
      phone: p.phone,
      timeZone: p.city.timeZone,
      createdAt: p.joinedAt,
      updatedAt: p.joinedAt,
    })),
    ...clientPlans.map((c) => ({
      id: c.id,
      name: c.person.name,
      email: c.email,
      emailVerified: true,
      image: null,
      role: 'client' as const,
      phone: c.phone,
      timeZone: c.city.timeZone,
      createdAt: c.joinedAt,
      updatedAt: c.joinedAt,
    })),
    {
      id: adminId,
      name: demoAdmin.name,
      email: demoAdmin.email,
      emailVerified: true,
      image: null,
      role: 'admin' as const,
      phone: null,
      timeZone: demoAdmin.timeZone,
      createdAt: new Date(now.getTime() - 1000 * 86_400_000),
      updatedAt: now,
    },
  ];

  await db.transaction(async (tx) => {
    await insertMany(tx, categories, categoryRows);
    await insertMany(tx, users, userRows);
    await insertMany(
      tx,
      accounts,
      userRows.map((u) => ({
        id: rng.uuid(),
        accountId: u.id,
        providerId: 'credential',
        userId: u.id,
        password: hash,
        createdAt: u.createdAt,
        updatedAt: u.createdAt,
      })),
    );
    await insertMany(
      tx,
      providerProfiles,
      providerPlans.map((p) => {
        const s = stats.get(p.id);
        return {
          userId: p.id,
          slug: p.slug,
          displayName: p.person.name,
          headline: p.headline,
          bio: p.bio,
          photoUrl: photos.avatars.get(p.id) ?? null,
          hourlyRate: p.hourlyRate,
          currency: p.currency,
          city: p.city.name,
          region: p.city.region,
          country: p.city.country,
          postalCode: p.neighbourhood.postalCode,
          timeZone: p.city.timeZone,
          lat: p.lat,
          lng: p.lng,
          serviceRadiusKm: p.radiusKm,
          ratingAvg: s?.ratingAvg ?? 0,
          ratingCount: s?.ratingCount ?? 0,
          completedJobs: s?.completedJobs ?? 0,
          taxBps: p.taxBps,
          requiresUpfrontPayment: p.requiresUpfrontPayment,
          cancellationPolicy: p.policy,
          calendarMode: 'app' as const,
          createdAt: p.joinedAt,
          updatedAt: now,
        };
      }),
    );
    await insertMany(
      tx,
      providerCategories,
      providerPlans.flatMap((p) => p.categories.map((c) => ({ providerId: p.id, categoryId: categoryIds[c] }))),
    );
    await insertMany(
      tx,
      schedules,
      providerPlans.map((p) => ({ providerId: p.id, timeZone: p.city.timeZone, ...p.schedule, updatedAt: p.joinedAt })),
    );
    await insertMany(
      tx,
      scheduleOverrides,
      providerPlans.flatMap((p) => p.overrides.map((o) => ({ id: rng.uuid(), providerId: p.id, ...o }))),
    );
    await insertMany(
      tx,
      providerPhotos,
      photos.gallery.map((g) => ({ id: rng.uuid(), ...g })),
    );
    await insertMany(tx, bookings, ctx.rows.bookings);
    await insertMany(tx, bookingEvents, ctx.rows.events);
    await insertMany(tx, invoices, ctx.rows.invoices);
    await insertMany(tx, payments, ctx.rows.payments);
    await insertMany(tx, payouts, ctx.rows.payouts);
    await insertMany(tx, ledgerEntries, ctx.rows.ledger);
    await insertMany(tx, reviews, ctx.rows.reviews);
    await insertMany(tx, favourites, favouritesOf(rng, demoC, providerPlans, now));
  });
  return { created: true, demoAccounts: demoAccounts(), counts: await countRows(db) };
}

/** The demo clients have saved a few providers in their city (Maya: Sam first). */
function favouritesOf(rng: Rng, clients: readonly ClientPlan[], providers: readonly ProviderPlan[], now: Date) {
  return clients.flatMap((c) => {
    // Demo providers come first in the list, so Maya saves Sam and Leo saves Priya.
    const [first, ...rest] = providers.filter((p) => p.city.key === c.city.key);
    if (!first) return [];
    return [first, ...rng.sample(rest, 2)].map((p, i) => ({
      clientId: c.id,
      providerId: p.id,
      createdAt: new Date(now.getTime() - (i + 1) * 9 * 86_400_000),
    }));
  });
}
