import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookingEvents, bookings, ledgerEntries, profileViews, providerProfiles, reviews } from '@handled/db/schema';

/**
 * A provider's requests and jobs since `since`, one row each, with when the provider first answered
 * the request (accepted or declined) and how it ended: what the ranking's signals and the desk's
 * analytics are computed from.
 */
export async function providerActivity(db: DbOrTx, providerId: string, since: Date) {
  const answer = db
    .select({
      bookingId: bookingEvents.bookingId,
      at: sql<number>`min(${bookingEvents.at})`.as('answer_at'),
      declined: sql<number>`max(case when ${bookingEvents.toStatus} = 'declined' then 1 else 0 end)`.as('declined'),
    })
    .from(bookingEvents)
    .innerJoin(bookings, eq(bookings.id, bookingEvents.bookingId))
    .where(
      and(
        eq(bookings.providerId, providerId),
        gte(bookings.createdAt, since),
        eq(bookingEvents.fromStatus, 'requested'),
        eq(bookingEvents.actorKind, 'provider'),
      ),
    )
    .groupBy(bookingEvents.bookingId)
    .as('answer');
  const rows = await db
    .select({
      id: bookings.id,
      clientId: bookings.clientId,
      status: bookings.status,
      paymentStatus: bookings.paymentStatus,
      cancelledBy: bookings.cancelledBy,
      createdAt: bookings.createdAt,
      startsAt: bookings.startsAt,
      completedAt: bookings.completedAt,
      answeredAt: answer.at,
      declined: answer.declined,
      providerNoShow: sql<number>`exists (select 1 from ${bookingEvents} e where e.booking_id = ${bookings.id} and e.to_status = 'no_show' and e.actor_kind = 'client')`,
      wasConfirmed: sql<number>`exists (select 1 from ${bookingEvents} e where e.booking_id = ${bookings.id} and e.to_status = 'confirmed')`,
    })
    .from(bookings)
    .leftJoin(answer, eq(answer.bookingId, bookings.id))
    .where(and(eq(bookings.providerId, providerId), gte(bookings.createdAt, since)))
    .orderBy(asc(bookings.createdAt));
  return rows.map((r) => ({
    ...r,
    answeredAt: r.answeredAt === null ? null : new Date(Number(r.answeredAt)),
    declined: Number(r.declined ?? 0) === 1,
    providerNoShow: Number(r.providerNoShow) === 1,
    wasConfirmed: Number(r.wasConfirmed) === 1,
  }));
}
export type ActivityRow = Awaited<ReturnType<typeof providerActivity>>[number];

/** The last time the provider completed a job (any time). */
export async function lastJobAt(db: DbOrTx, providerId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<number | null>`max(${bookings.completedAt})` })
    .from(bookings)
    .where(and(eq(bookings.providerId, providerId), eq(bookings.status, 'completed')));
  return row?.at ? new Date(Number(row.at)) : null;
}

/** Minutes of jobs the provider holds between `from` and `to` (requested, accepted, confirmed, in progress). */
export async function bookedMinutesBetween(db: DbOrTx, providerId: string, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ ms: sql<number>`coalesce(sum(min(${bookings.endsAt}, ${to.getTime()}) - max(${bookings.startsAt}, ${from.getTime()})), 0)` })
    .from(bookings)
    .where(
      and(
        eq(bookings.providerId, providerId),
        inArray(bookings.status, ['requested', 'accepted', 'confirmed', 'in_progress']),
        lt(bookings.startsAt, to),
        gt(bookings.endsAt, from),
      ),
    );
  return Math.max(0, Number(row?.ms ?? 0) / 60_000);
}

type StoredReputation = { rankScore: number; qualityScore: number; tier: 'top_pro' | 'rising_pro' | null; responseMinutes: number | null };

/** Writes a provider's reputation; with `ifStill`, only while the row still holds those figures. */
export async function saveReputation(db: DbOrTx, providerId: string, r: StoredReputation, ifStill?: StoredReputation): Promise<void> {
  const p = providerProfiles;
  await db
    .update(p)
    .set(r)
    .where(
      ifStill
        ? and(
            eq(p.userId, providerId),
            eq(p.rankScore, ifStill.rankScore),
            eq(p.qualityScore, ifStill.qualityScore),
            ifStill.tier === null ? isNull(p.tier) : eq(p.tier, ifStill.tier),
            ifStill.responseMinutes === null ? isNull(p.responseMinutes) : eq(p.responseMinutes, ifStill.responseMinutes),
          )
        : eq(p.userId, providerId),
    );
}

/** Provider ids after `afterId`, in id order (the sweep's batches). */
export async function providerIdsAfter(db: DbOrTx, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: providerProfiles.userId })
    .from(providerProfiles)
    .where(gt(providerProfiles.userId, afterId))
    .orderBy(asc(providerProfiles.userId))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Active providers with a higher stored score (optionally in one city): the place before distance. */
export async function providersRankedAbove(db: DbOrTx, rankScore: number, city?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(providerProfiles)
    .where(
      and(
        eq(providerProfiles.active, true),
        gt(providerProfiles.rankScore, rankScore),
        city ? sql`lower(${providerProfiles.city}) = lower(${city})` : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Active providers whose score lies in (lo, hi] — the places a gain of hi − lo would pass. */
export async function providersRankedBetween(db: DbOrTx, lo: number, hi: number, city?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(providerProfiles)
    .where(
      and(
        eq(providerProfiles.active, true),
        gt(providerProfiles.rankScore, lo),
        sql`${providerProfiles.rankScore} <= ${hi}`,
        city ? sql`lower(${providerProfiles.city}) = lower(${city})` : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** One more view of a provider's profile on `day` (UTC): a counter, nothing about the viewer. */
export async function countProfileView(db: DbOrTx, providerId: string, day: string): Promise<void> {
  await db
    .insert(profileViews)
    .values({ providerId, day, views: 1 })
    .onConflictDoUpdate({ target: [profileViews.providerId, profileViews.day], set: { views: sql`${profileViews.views} + 1` } });
}

export async function profileViewsSince(db: DbOrTx, providerId: string, fromDay: string) {
  return db
    .select({ day: profileViews.day, views: profileViews.views })
    .from(profileViews)
    .where(and(eq(profileViews.providerId, providerId), gte(profileViews.day, fromDay)))
    .orderBy(asc(profileViews.day));
}

/**
 * What became the provider's, by day (UTC) and currency, from the ledger: the same `fee` postings
 * on `provider_payable:<id>` that the Payouts screen's earnings read (repositories/ledger.ts
 * providerLedgerSummary), credits being negative there.
 */
export async function earningsByDay(db: DbOrTx, providerId: string, since: Date) {
  const day = sql<string>`strftime('%Y-%m-%d', ${ledgerEntries.at} / 1000, 'unixepoch')`;
  const rows = await db
    .select({ day, currency: ledgerEntries.currency, amount: sql<number>`-sum(${ledgerEntries.amount})`.mapWith(Number) })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, `provider_payable:${providerId}`), eq(ledgerEntries.kind, 'fee'), gte(ledgerEntries.at, since)))
    .groupBy(day, ledgerEntries.currency)
    .orderBy(asc(day));
  return rows;
}

/** The provider's counted reviews (published, revealed) with their month, for the rating over time. */
export async function reviewRatingsSince(db: DbOrTx, providerId: string, since: Date) {
  return db
    .select({ rating: reviews.rating, at: reviews.createdAt })
    .from(reviews)
    .where(
      and(
        eq(reviews.subjectId, providerId),
        eq(reviews.direction, 'client_to_provider'),
        eq(reviews.status, 'published'),
        sql`${reviews.revealedAt} is not null`,
        gte(reviews.createdAt, since),
      ),
    )
    .orderBy(asc(reviews.createdAt));
}
