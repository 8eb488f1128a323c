import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import {
  calendarConnections,
  categories,
  notificationPreferences,
  providerCategories,
  providerPhotos,
  providerProfiles,
  providerReviews,
  schedules,
  telegramLinks,
  users,
} from '@handled/db/schema';
import type { ProviderRow } from './providers.ts';

export type NewProviderRow = typeof providerProfiles.$inferInsert;
export type ListingStatus = ProviderRow['listingStatus'];
export type GalleryRow = typeof providerPhotos.$inferSelect;
export type ProviderReviewRow = typeof providerReviews.$inferSelect;

export async function slugsLike(db: DbOrTx, base: string): Promise<string[]> {
  const rows = await db
    .select({ slug: providerProfiles.slug })
    .from(providerProfiles)
    .where(sql`${providerProfiles.slug} = ${base} or ${providerProfiles.slug} like ${`${base}-%`}`);
  return rows.map((r) => r.slug);
}

export async function insertProviderProfile(db: DbOrTx, row: NewProviderRow): Promise<void> {
  await db.insert(providerProfiles).values(row);
}

/** The account becomes a provider's; a client account keeps booking (`alsoClient`). */
export async function makeProvider(db: DbOrTx, userId: string, alsoClient: boolean, now: Date): Promise<void> {
  await db.update(users).set({ role: 'provider', alsoClient, updatedAt: now }).where(eq(users.id, userId));
}

export async function updateListing(db: DbOrTx, providerId: string, patch: Partial<NewProviderRow>): Promise<void> {
  await db.update(providerProfiles).set(patch).where(eq(providerProfiles.userId, providerId));
}

/** A provider's services with the rate each is sold at where it differs from their own. */
export async function servicesOf(db: DbOrTx, providerId: string) {
  return db
    .select({ id: categories.id, slug: categories.slug, name: categories.name, hourlyRate: providerCategories.hourlyRate })
    .from(providerCategories)
    .innerJoin(categories, eq(categories.id, providerCategories.categoryId))
    .where(eq(providerCategories.providerId, providerId))
    .orderBy(asc(categories.position), asc(categories.name));
}

export async function categoriesByIds(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(inArray(categories.id, [...ids]));
}

export async function replaceServices(
  db: DbOrTx,
  providerId: string,
  services: { categoryId: string; hourlyRate: number | null }[],
): Promise<void> {
  await db.delete(providerCategories).where(eq(providerCategories.providerId, providerId));
  if (services.length) await db.insert(providerCategories).values(services.map((s) => ({ providerId, ...s })));
}

export async function galleryOf(db: DbOrTx, providerId: string): Promise<GalleryRow[]> {
  return db
    .select()
    .from(providerPhotos)
    .where(eq(providerPhotos.providerId, providerId))
    .orderBy(asc(providerPhotos.position), asc(providerPhotos.id));
}

export async function insertGalleryPhoto(db: DbOrTx, row: typeof providerPhotos.$inferInsert): Promise<GalleryRow> {
  const [inserted] = await db.insert(providerPhotos).values(row).returning();
  if (!inserted) throw new Error('Gallery insert returned nothing');
  return inserted;
}

/** Removes one of this provider's gallery photos; another provider's id removes nothing. */
export async function deleteGalleryPhoto(db: DbOrTx, providerId: string, id: string): Promise<GalleryRow | undefined> {
  const [gone] = await db
    .delete(providerPhotos)
    .where(and(eq(providerPhotos.providerId, providerId), eq(providerPhotos.id, id)))
    .returning();
  return gone;
}

export async function setGalleryPosition(db: DbOrTx, providerId: string, id: string, position: number): Promise<void> {
  await db
    .update(providerPhotos)
    .set({ position })
    .where(and(eq(providerPhotos.providerId, providerId), eq(providerPhotos.id, id)));
}

export async function setGalleryCaption(db: DbOrTx, providerId: string, id: string, caption: string): Promise<number> {
  const rows = await db
    .update(providerPhotos)
    .set({ caption })
    .where(and(eq(providerPhotos.providerId, providerId), eq(providerPhotos.id, id)))
    .returning({ id: providerPhotos.id });
  return rows.length;
}

/** What the checklist needs beside the profile row: hours or a calendar, Telegram, notification choices. */
export async function listingSideFacts(db: DbOrTx, providerId: string) {
  const [row] = await db
    .select({
      weekly: schedules.weekly,
      calendarStatus: calendarConnections.status,
      telegram: telegramLinks.chatId,
      choices: notificationPreferences.choices,
    })
    .from(providerProfiles)
    .leftJoin(schedules, eq(schedules.providerId, providerProfiles.userId))
    .leftJoin(calendarConnections, eq(calendarConnections.providerId, providerProfiles.userId))
    .leftJoin(telegramLinks, eq(telegramLinks.userId, providerProfiles.userId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, providerProfiles.userId))
    .where(eq(providerProfiles.userId, providerId));
  return row;
}

export async function insertProviderReview(db: DbOrTx, row: typeof providerReviews.$inferInsert): Promise<void> {
  await db.insert(providerReviews).values(row);
}

export async function reviewHistoryOf(db: DbOrTx, providerId: string) {
  return db
    .select({
      action: providerReviews.action,
      note: providerReviews.note,
      at: providerReviews.at,
      actorName: users.name,
    })
    .from(providerReviews)
    .leftJoin(users, eq(users.id, providerReviews.actorId))
    .where(eq(providerReviews.providerId, providerId))
    .orderBy(desc(providerReviews.at), desc(providerReviews.id));
}

/** Listings in the given states for the operators' queue, the longest waiting first. */
export async function listingsIn(db: DbOrTx, statuses: readonly ListingStatus[], limit: number) {
  return db
    .select({
      id: providerProfiles.userId,
      slug: providerProfiles.slug,
      displayName: providerProfiles.displayName,
      headline: providerProfiles.headline,
      photoUrl: providerProfiles.photoUrl,
      city: providerProfiles.city,
      country: providerProfiles.country,
      listingStatus: providerProfiles.listingStatus,
      active: providerProfiles.active,
      submittedAt: providerProfiles.submittedAt,
      reviewedAt: providerProfiles.reviewedAt,
      createdAt: providerProfiles.createdAt,
      email: users.email,
      services: sql<string>`(select group_concat(${categories.name}, ', ') from ${providerCategories} join ${categories} on ${categories.id} = ${providerCategories.categoryId} where ${providerCategories.providerId} = ${providerProfiles.userId})`,
    })
    .from(providerProfiles)
    .innerJoin(users, eq(users.id, providerProfiles.userId))
    .where(inArray(providerProfiles.listingStatus, [...statuses]))
    .orderBy(asc(sql`coalesce(${providerProfiles.submittedAt}, ${providerProfiles.createdAt})`), asc(providerProfiles.userId))
    .limit(limit);
}

export async function countListingsIn(db: DbOrTx, status: ListingStatus): Promise<number> {
  return db.$count(providerProfiles, eq(providerProfiles.listingStatus, status));
}

/** The provider's account details an operator sees beside the listing. */
export async function providerAccountOf(db: DbOrTx, providerId: string) {
  const [row] = await db
    .select({ email: users.email, emailVerified: users.emailVerified, phone: users.phone, createdAt: users.createdAt, name: users.name })
    .from(users)
    .where(eq(users.id, providerId));
  return row;
}

/** A provider's hours follow their zone when they move it (the weekly times stay as they were). */
export async function setScheduleZone(db: DbOrTx, providerId: string, timeZone: string): Promise<void> {
  await db.update(schedules).set({ timeZone, updatedAt: new Date() }).where(eq(schedules.providerId, providerId));
}

/** The account's picture follows the listing's photo (the desk shows it beside the name). */
export async function setAccountImage(db: DbOrTx, userId: string, image: string | null): Promise<void> {
  await db.update(users).set({ image }).where(eq(users.id, userId));
}

export async function reviewById(db: DbOrTx, id: string): Promise<ProviderReviewRow | undefined> {
  const [row] = await db.select().from(providerReviews).where(eq(providerReviews.id, id));
  return row;
}
