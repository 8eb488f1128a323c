import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { favourites, providerProfiles } from '@handled/db/schema';

export async function favouriteIdsAmong(db: DbOrTx, clientId: string, providerIds: string[]): Promise<Set<string>> {
  if (providerIds.length === 0) return new Set();
  const rows = await db
    .select({ id: favourites.providerId })
    .from(favourites)
    .where(and(eq(favourites.clientId, clientId), inArray(favourites.providerId, providerIds)));
  return new Set(rows.map((r) => r.id));
}

export async function addFavourite(db: DbOrTx, clientId: string, providerId: string) {
  await db.insert(favourites).values({ clientId, providerId }).onConflictDoNothing();
}

export async function removeFavourite(db: DbOrTx, clientId: string, providerId: string) {
  await db.delete(favourites).where(and(eq(favourites.clientId, clientId), eq(favourites.providerId, providerId)));
}

export async function favouritesOf(db: DbOrTx, clientId: string) {
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
      ratingAvg: providerProfiles.ratingAvg,
      ratingCount: providerProfiles.ratingCount,
      completedJobs: providerProfiles.completedJobs,
      active: providerProfiles.active,
      savedAt: favourites.createdAt,
    })
    .from(favourites)
    .innerJoin(providerProfiles, eq(providerProfiles.userId, favourites.providerId))
    .where(eq(favourites.clientId, clientId))
    .orderBy(desc(favourites.createdAt));
}
