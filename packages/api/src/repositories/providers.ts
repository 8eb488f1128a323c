import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import {
  categories,
  externalBusy,
  providerCategories,
  providerPhotos,
  providerProfiles,
  reviews,
  scheduleOverrides,
  schedules,
  users,
} from '@handled/db/schema';

export type ProviderRow = typeof providerProfiles.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;
export type OverrideRow = typeof scheduleOverrides.$inferSelect;

export async function findProvider(db: DbOrTx, idOrSlug: string): Promise<ProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(providerProfiles)
    .where(sql`${providerProfiles.userId} = ${idOrSlug} or ${providerProfiles.slug} = ${idOrSlug}`)
    .limit(1);
  return row;
}

export async function scheduleOf(db: DbOrTx, providerId: string) {
  const [schedule] = await db.select().from(schedules).where(eq(schedules.providerId, providerId)).limit(1);
  const overrides = await db.select().from(scheduleOverrides).where(eq(scheduleOverrides.providerId, providerId));
  return { schedule, overrides };
}

export async function externalBusyBetween(db: DbOrTx, providerId: string, from: Date, to: Date) {
  return db
    .select()
    .from(externalBusy)
    .where(and(eq(externalBusy.providerId, providerId), lte(externalBusy.startsAt, to), gte(externalBusy.endsAt, from)));
}

export async function listCategories(db: DbOrTx) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      icon: categories.icon,
      providerCount: sql<number>`(select count(*) from ${providerCategories} where ${providerCategories.categoryId} = ${categories.id})`,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
}

export async function findCategory(db: DbOrTx, idOrSlug: string) {
  const [row] = await db
    .select()
    .from(categories)
    .where(sql`${categories.id} = ${idOrSlug} or ${categories.slug} = ${idOrSlug}`)
    .limit(1);
  return row;
}

export async function categoriesOfProvider(db: DbOrTx, providerId: string) {
  return db
    .select({ id: categories.id, slug: categories.slug, name: categories.name, checklist: categories.checklist })
    .from(providerCategories)
    .innerJoin(categories, eq(categories.id, providerCategories.categoryId))
    .where(eq(providerCategories.providerId, providerId));
}

export async function photosOf(db: DbOrTx, providerId: string) {
  return db.select().from(providerPhotos).where(eq(providerPhotos.providerId, providerId)).orderBy(asc(providerPhotos.position));
}

export async function publishedReviewsOf(db: DbOrTx, providerId: string, limit: number) {
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      response: reviews.response,
      createdAt: reviews.createdAt,
      authorName: users.name,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.authorId))
    .where(and(eq(reviews.subjectId, providerId), eq(reviews.status, 'published'), eq(reviews.direction, 'client_to_provider')))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}

export interface SearchFilter {
  categoryId?: string;
  city?: string;
  minRatingHundredths?: number;
  maxRate?: number;
  near?: { lat: number; lng: number; radiusKm: number };
}

export async function searchProviders(
  db: DbOrTx,
  filter: SearchFilter,
  sort: 'best' | 'rating' | 'price' | 'distance',
  limit: number,
  offset: number,
) {
  const conds: SQL[] = [eq(providerProfiles.active, true)];
  if (filter.categoryId)
    conds.push(
      inArray(
        providerProfiles.userId,
        db.select({ id: providerCategories.providerId }).from(providerCategories).where(eq(providerCategories.categoryId, filter.categoryId)),
      ),
    );
  if (filter.city) conds.push(sql`lower(${providerProfiles.city}) = lower(${filter.city})`);
  if (filter.minRatingHundredths) conds.push(gte(providerProfiles.ratingAvg, filter.minRatingHundredths));
  if (filter.maxRate) conds.push(lte(providerProfiles.hourlyRate, filter.maxRate));
  let distance: SQL<number> | null = null;
  if (filter.near) {
    // A bounding box narrows by index; the exact distance (equirectangular, fine at city scale) ranks.
    const { lat, lng, radiusKm } = filter.near;
    const dLat = radiusKm / 111;
    const dLng = radiusKm / (111 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
    conds.push(sql`${providerProfiles.lat} between ${lat - dLat} and ${lat + dLat}`);
    conds.push(sql`${providerProfiles.lng} between ${lng - dLng} and ${lng + dLng}`);
    const k = Math.cos((lat * Math.PI) / 180);
    distance = sql<number>`111.2 * sqrt((${providerProfiles.lat} - ${lat}) * (${providerProfiles.lat} - ${lat}) + (${k} * (${providerProfiles.lng} - ${lng})) * (${k} * (${providerProfiles.lng} - ${lng})))`;
    // The provider must also cover the client's location.
    conds.push(sql`${distance} <= ${providerProfiles.serviceRadiusKm}`);
  }
  const order =
    sort === 'price'
      ? [asc(providerProfiles.hourlyRate), asc(providerProfiles.userId)]
      : sort === 'distance' && distance
        ? [asc(distance), asc(providerProfiles.userId)]
        : sort === 'rating'
          ? [desc(providerProfiles.ratingAvg), desc(providerProfiles.ratingCount), asc(providerProfiles.userId)]
          : // Best match until the reviews work ranks: rating weighted by how many reviews back it.
            [
              desc(sql`(${providerProfiles.ratingAvg} * ${providerProfiles.ratingCount} + 400 * 5) / (${providerProfiles.ratingCount} + 5)`),
              asc(providerProfiles.userId),
            ];
  return db
    .select({
      id: providerProfiles.userId,
      slug: providerProfiles.slug,
      displayName: providerProfiles.displayName,
      headline: providerProfiles.headline,
      photoUrl: providerProfiles.photoUrl,
      hourlyRate: providerProfiles.hourlyRate,
      currency: providerProfiles.currency,
      city: providerProfiles.city,
      timeZone: providerProfiles.timeZone,
      ratingAvg: providerProfiles.ratingAvg,
      ratingCount: providerProfiles.ratingCount,
      completedJobs: providerProfiles.completedJobs,
      distanceKm: distance ?? sql<number | null>`null`,
    })
    .from(providerProfiles)
    .where(and(...conds))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

export async function userById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}
