import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { providerProfiles, reviews } from '@handled/db/schema';

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReviewRow = typeof reviews.$inferInsert;

/** The client's review of the provider for this booking, if they left one. */
export async function clientReviewOf(db: DbOrTx, bookingId: string) {
  const [row] = await db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      response: reviews.response,
      status: reviews.status,
      createdAt: reviews.createdAt,
    })
    .from(reviews)
    .where(and(eq(reviews.bookingId, bookingId), eq(reviews.direction, 'client_to_provider')))
    .limit(1);
  return row;
}

export async function insertReview(db: DbOrTx, row: NewReviewRow): Promise<ReviewRow> {
  const [inserted] = await db.insert(reviews).values(row).returning();
  if (!inserted) throw new Error('Review insert returned nothing');
  return inserted;
}

/** The provider's average and count, recomputed from their published client reviews. */
export async function recountProviderRating(db: DbOrTx, providerId: string): Promise<void> {
  const published = sql`${reviews.subjectId} = ${providerId} and ${reviews.direction} = 'client_to_provider' and ${reviews.status} = 'published'`;
  await db
    .update(providerProfiles)
    .set({
      ratingAvg: sql`(select coalesce(cast(round(avg(${reviews.rating}) * 100) as integer), 0) from ${reviews} where ${published})`,
      ratingCount: sql`(select count(*) from ${reviews} where ${published})`,
    })
    .where(eq(providerProfiles.userId, providerId));
}
