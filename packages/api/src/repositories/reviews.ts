import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { attachments, bookings, providerProfiles, reviewReports, reviews, users } from '@handled/db/schema';

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReviewRow = typeof reviews.$inferInsert;
export type ReviewDirection = ReviewRow['direction'];
export type ReviewReportRow = typeof reviewReports.$inferSelect;

/** Both reviews of a booking (at most one per direction). */
export async function reviewsOfBooking(db: DbOrTx, bookingId: string): Promise<ReviewRow[]> {
  return db.select().from(reviews).where(eq(reviews.bookingId, bookingId));
}

export async function reviewById(db: DbOrTx, id: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(reviews).where(eq(reviews.id, id)).limit(1);
  return row;
}

export async function insertReview(db: DbOrTx, row: NewReviewRow): Promise<ReviewRow> {
  const [inserted] = await db.insert(reviews).values(row).returning();
  if (!inserted) throw new Error('Review insert returned nothing');
  return inserted;
}

export async function updateReview(db: DbOrTx, id: string, patch: Partial<NewReviewRow>): Promise<ReviewRow> {
  const [row] = await db.update(reviews).set(patch).where(eq(reviews.id, id)).returning();
  if (!row) throw new Error('Review update found nothing');
  return row;
}

/** Marks a booking's reviews visible (once: an already revealed review keeps its instant). */
export async function revealReviewsOf(db: DbOrTx, bookingId: string, at: Date): Promise<number> {
  const rows = await db
    .update(reviews)
    .set({ revealedAt: at })
    .where(and(eq(reviews.bookingId, bookingId), isNull(reviews.revealedAt)))
    .returning({ id: reviews.id });
  return rows.length;
}

/** Whom a review counts for: only published and revealed client reviews make a provider's rating. */
const counted = (providerId: string) =>
  sql`${reviews.subjectId} = ${providerId} and ${reviews.direction} = 'client_to_provider' and ${reviews.status} = 'published' and ${reviews.revealedAt} is not null`;

/** The provider's average and count, recomputed from their published, revealed client reviews. */
export async function recountProviderRating(db: DbOrTx, providerId: string): Promise<void> {
  await db
    .update(providerProfiles)
    .set({
      ratingAvg: sql`(select coalesce(cast(round(avg(${reviews.rating}) * 100) as integer), 0) from ${reviews} where ${counted(providerId)})`,
      ratingCount: sql`(select count(*) from ${reviews} where ${counted(providerId)})`,
    })
    .where(eq(providerProfiles.userId, providerId));
}

/** How many of the provider's counted reviews give each number of stars, and the sub-ratings' averages (hundredths). */
export async function ratingBreakdownOf(db: DbOrTx, providerId: string) {
  const [stars, [subs]] = await Promise.all([
    db
      .select({ rating: reviews.rating, n: sql<number>`count(*)`.mapWith(Number) })
      .from(reviews)
      .where(counted(providerId))
      .groupBy(reviews.rating),
    db
      .select({
        quality: sql<number | null>`cast(round(avg(${reviews.quality}) * 100) as integer)`,
        punctuality: sql<number | null>`cast(round(avg(${reviews.punctuality}) * 100) as integer)`,
        communication: sql<number | null>`cast(round(avg(${reviews.communication}) * 100) as integer)`,
        value: sql<number | null>`cast(round(avg(${reviews.value}) * 100) as integer)`,
      })
      .from(reviews)
      .where(counted(providerId)),
  ]);
  return { stars, subs: subs ?? { quality: null, punctuality: null, communication: null, value: null } };
}

/** The provider's public reviews, newest first: published and revealed client reviews with the author's name. */
export async function publishedReviewsOf(db: DbOrTx, providerId: string, limit: number) {
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      quality: reviews.quality,
      punctuality: reviews.punctuality,
      communication: reviews.communication,
      value: reviews.value,
      body: reviews.body,
      photoIds: reviews.photoIds,
      response: reviews.response,
      respondedAt: reviews.respondedAt,
      createdAt: reviews.createdAt,
      authorName: users.name,
      categoryId: bookings.categoryId,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.authorId))
    .innerJoin(bookings, eq(bookings.id, reviews.bookingId))
    .where(counted(providerId))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}

/** Every client review of the provider that is revealed (any status), for their desk, with the client's name and the job. */
export async function reviewsForProviderDesk(db: DbOrTx, providerId: string, rating: number | null) {
  return db
    .select({
      review: reviews,
      authorName: users.name,
      reference: bookings.reference,
      startsAt: bookings.startsAt,
      categoryId: bookings.categoryId,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.authorId))
    .innerJoin(bookings, eq(bookings.id, reviews.bookingId))
    .where(
      and(
        eq(reviews.subjectId, providerId),
        eq(reviews.direction, 'client_to_provider'),
        isNotNull(reviews.revealedAt),
        rating ? eq(reviews.rating, rating) : undefined,
      ),
    )
    .orderBy(desc(reviews.createdAt))
    .limit(500);
}

/** What providers wrote about a client: published, revealed reviews (providers only see them). */
export async function clientReputationOf(db: DbOrTx, clientId: string) {
  const where = and(
    eq(reviews.subjectId, clientId),
    eq(reviews.direction, 'provider_to_client'),
    eq(reviews.status, 'published'),
    isNotNull(reviews.revealedAt),
  );
  const [[agg], recent] = await Promise.all([
    db
      .select({ avg: sql<number | null>`cast(round(avg(${reviews.rating}) * 100) as integer)`, n: sql<number>`count(*)`.mapWith(Number) })
      .from(reviews)
      .where(where),
    db
      .select({ id: reviews.id, rating: reviews.rating, body: reviews.body, createdAt: reviews.createdAt, authorName: users.name })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.authorId))
      .where(where)
      .orderBy(desc(reviews.createdAt))
      .limit(5),
  ]);
  return { ratingAvg: agg?.avg ?? 0, ratingCount: agg?.n ?? 0, recent };
}

/** Reviews waiting for an operator (held on submission or reported), oldest first, with their open reports. */
export async function moderationQueue(db: DbOrTx, which: 'waiting' | 'hidden' | 'all', limit: number) {
  const openReports = sql<number>`(select count(*) from ${reviewReports} where ${reviewReports.reviewId} = ${reviews.id} and ${reviewReports.status} = 'open')`;
  const cond =
    which === 'waiting'
      ? or(eq(reviews.status, 'pending'), sql`${openReports} > 0`)
      : which === 'hidden'
        ? eq(reviews.status, 'hidden')
        : undefined;
  return db
    .select({ review: reviews, authorName: users.name, reference: bookings.reference, openReports: openReports.mapWith(Number) })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.authorId))
    .innerJoin(bookings, eq(bookings.id, reviews.bookingId))
    .where(cond)
    .orderBy(asc(reviews.createdAt))
    .limit(limit);
}

export async function reportsOf(db: DbOrTx, reviewIds: string[]) {
  if (reviewIds.length === 0) return [];
  return db
    .select({ report: reviewReports, reporterName: users.name })
    .from(reviewReports)
    .innerJoin(users, eq(users.id, reviewReports.reporterId))
    .where(inArray(reviewReports.reviewId, reviewIds))
    .orderBy(asc(reviewReports.createdAt));
}

export async function insertReport(db: DbOrTx, row: typeof reviewReports.$inferInsert): Promise<boolean> {
  const rows = await db.insert(reviewReports).values(row).onConflictDoNothing().returning({ id: reviewReports.id });
  return rows.length > 0;
}

export async function closeReportsOf(db: DbOrTx, reviewId: string): Promise<void> {
  await db
    .update(reviewReports)
    .set({ status: 'closed' })
    .where(and(eq(reviewReports.reviewId, reviewId), eq(reviewReports.status, 'open')));
}

/** Review photos the author uploaded on this booking, among `ids`. */
export async function reviewPhotosAmong(db: DbOrTx, bookingId: string, uploaderId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, ids),
        eq(attachments.bookingId, bookingId),
        eq(attachments.uploaderId, uploaderId),
        eq(attachments.kind, 'review'),
      ),
    );
}

export async function countReviewPhotosOf(db: DbOrTx, bookingId: string, uploaderId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(attachments)
    .where(and(eq(attachments.bookingId, bookingId), eq(attachments.uploaderId, uploaderId), eq(attachments.kind, 'review')));
  return row?.n ?? 0;
}

/** The review a public photo belongs to, if that review is public (published and revealed). */
export async function publicReviewOfPhoto(db: DbOrTx, reviewId: string, photoId: string) {
  const [row] = await db
    .select({ id: reviews.id, bookingId: reviews.bookingId, photoIds: reviews.photoIds })
    .from(reviews)
    .where(
      and(
        eq(reviews.id, reviewId),
        eq(reviews.direction, 'client_to_provider'),
        eq(reviews.status, 'published'),
        isNotNull(reviews.revealedAt),
      ),
    )
    .limit(1);
  return row && row.photoIds.includes(photoId) ? row : undefined;
}

/** The provider's completed jobs since `since` with no review of the client from them yet (the desk's "to review"). */
export async function jobsAwaitingProviderReview(db: DbOrTx, providerId: string, since: Date) {
  return db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      completedAt: bookings.completedAt,
      startsAt: bookings.startsAt,
      clientName: users.name,
      /** Whether the client has written theirs (never what): "write yours to see theirs". */
      clientWrote:
        sql<number>`exists (select 1 from ${reviews} c where c.booking_id = ${bookings.id} and c.direction = 'client_to_provider')`.mapWith(
          (v) => Boolean(Number(v)),
        ),
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.clientId))
    .where(
      and(
        eq(bookings.providerId, providerId),
        eq(bookings.status, 'completed'),
        sql`${bookings.completedAt} >= ${since.getTime()}`,
        sql`not exists (select 1 from ${reviews} r where r.booking_id = ${bookings.id} and r.direction = 'provider_to_client')`,
      ),
    )
    .orderBy(desc(bookings.completedAt))
    .limit(50);
}

/** The provider's own reviews of their clients, newest first, with the client's name and the job (the desk's "Your reviews of clients"). */
export async function reviewsByProviderOfClients(db: DbOrTx, providerId: string, limit: number) {
  return db
    .select({ review: reviews, clientName: users.name, reference: bookings.reference, completedAt: bookings.completedAt })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.subjectId))
    .innerJoin(bookings, eq(bookings.id, reviews.bookingId))
    .where(and(eq(reviews.authorId, providerId), eq(reviews.direction, 'provider_to_client')))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}
