import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { BAYES_PRIOR_COUNT, BAYES_PRIOR_HUNDREDTHS } from '@handled/core/reputation';
import type { Db, DbOrTx } from '@handled/db';
import { isCurrency, type Currency } from '@handled/core/money';
import {
  categories,
  externalBusy,
  providerCategories,
  providerPhotos,
  providerProfiles,
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

/** What a booking request needs of the provider and the service asked for: who, the terms, the rate. */
export interface BookingTerms {
  userId: string;
  displayName: string;
  active: boolean;
  timeZone: string;
  hourlyRate: number;
  currency: Currency;
  taxBps: number;
  requiresUpfrontPayment: boolean;
  cancellationPolicy: ProviderRow['cancellationPolicy'];
  /** The service by id or slug, when the provider offers it; its own rate where it has one. */
  category: { id: string; slug: string; hourlyRate: number | null } | undefined;
}

/**
 * A hot read of `columns` (over `provider_profile p`) for the provider whose id or slug is ?1: one
 * index lookup each way, the id first.
 */
export function providerByIdOrSlugSql(columns: string): string {
  return `select ${columns} from provider_profile p where p.user_id = ?1
  union all select ${columns} from provider_profile p where p.slug = ?1 limit 1`;
}

const TERMS_COLUMNS = `p.user_id, p.display_name, p.active, p.time_zone, p.hourly_rate, p.currency, p.tax_bps,
  p.requires_upfront_payment, p.cancellation_policy`;
const TERMS_SQL = providerByIdOrSlugSql(TERMS_COLUMNS);
const OFFERED_SQL = `select c.id, c.slug, pc.hourly_rate from provider_category pc join category c on c.id = pc.category_id
  where pc.provider_id = ?1 and (c.id = ?2 or c.slug = ?2) limit 1`;

const policies = new Set<unknown>(providerProfiles.cancellationPolicy.enumValues);
function cancellationPolicyOf(userId: string, v: unknown): ProviderRow['cancellationPolicy'] {
  if (!policies.has(v)) throw new Error(`Provider ${userId} has an unknown cancellation policy ${String(v)}`);
  return v as ProviderRow['cancellationPolicy'];
}

/**
 * A provider by id or slug with the service asked for, on the hot reads' prepared statements (a
 * booking request reads them before the write lock; nothing here can change what the lock decides).
 */
export async function bookingTerms(db: Db, idOrSlug: string, categoryIdOrSlug: string): Promise<BookingTerms | undefined> {
  const p = await db.$reads.get(TERMS_SQL, [idOrSlug]);
  if (!p) return undefined;
  const userId = String(p[0]);
  const currency = String(p[5]);
  if (!isCurrency(currency)) throw new Error(`Provider ${userId} has an unknown currency ${currency}`);
  const c = await db.$reads.get(OFFERED_SQL, [userId, categoryIdOrSlug]);
  return {
    userId,
    displayName: String(p[1]),
    active: p[2] === 1,
    timeZone: String(p[3]),
    hourlyRate: Number(p[4]),
    currency,
    taxBps: Number(p[6]),
    requiresUpfrontPayment: p[7] === 1,
    cancellationPolicy: cancellationPolicyOf(userId, p[8]),
    category: c ? { id: String(c[0]), slug: String(c[1]), hourlyRate: c[2] === null ? null : Number(c[2]) } : undefined,
  };
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
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      checklist: categories.checklist,
      /** This service's own rate where it differs from the provider's (null: the provider's rate). */
      hourlyRate: providerCategories.hourlyRate,
    })
    .from(providerCategories)
    .innerJoin(categories, eq(categories.id, providerCategories.categoryId))
    .where(eq(providerCategories.providerId, providerId));
}

export async function photosOf(db: DbOrTx, providerId: string) {
  return db.select().from(providerPhotos).where(eq(providerPhotos.providerId, providerId)).orderBy(asc(providerPhotos.position));
}

export interface SearchFilter {
  categoryId?: string;
  city?: string;
  minRatingHundredths?: number;
  minRate?: number;
  maxRate?: number;
  /**
   * Around a point: providers within `radiusKm` of it. `covers` (default true) also requires the
   * point to be inside the provider's own service radius.
   */
  near?: { lat: number; lng: number; radiusKm: number; covers?: boolean; coverSlackKm?: number };
  /** Providers who work on this calendar date (weekly hours or an override); exact slots are checked after. */
  worksOn?: { date: string; weekday: string };
  /** The ranking's distance weight (points): "best match" near a place adds weight × (1 − distance ÷ radius). */
  distanceWeight?: number;
}

export type SearchSort = 'best' | 'rating' | 'price' | 'distance';

/**
 * "Best match" (core's reputation/ranking.ts): the stored score — rating (Bayesian), reviews,
 * response time, acceptance, completion, reliability, recency and free time, recomputed by the
 * `provider.reputation` job — plus, when the search names a place, what distance adds. Without a
 * place SQLite walks `provider_best_idx`; with one it sorts the bounding box's rows.
 */
/**
 * One page of active providers matching `filter`, in a total order (every sort ends on the id), so
 * offset pages never repeat or skip a provider while the data stands still. Indexes (measured at
 * 50,000 providers in scripts/bench/search.bench.ts): the sort orders walk their index; a location
 * narrows by the bounding box on `provider_geo_idx`; a category is checked per row with EXISTS on
 * the (provider, category) key, which beats listing the category's members when a page is short.
 */
export function searchProviders(db: DbOrTx, filter: SearchFilter, sort: SearchSort, limit: number, offset: number) {
  const p = providerProfiles;
  const conds: SQL[] = [eq(p.active, true)];
  if (filter.categoryId)
    conds.push(
      sql`exists (select 1 from ${providerCategories} where ${providerCategories.providerId} = ${p.userId} and ${providerCategories.categoryId} = ${filter.categoryId})`,
    );
  if (filter.city) conds.push(sql`lower(${p.city}) = lower(${filter.city})`);
  if (filter.minRatingHundredths) conds.push(gte(p.ratingAvg, filter.minRatingHundredths));
  if (filter.minRate) conds.push(gte(p.hourlyRate, filter.minRate));
  if (filter.maxRate) conds.push(lte(p.hourlyRate, filter.maxRate));
  if (filter.worksOn) {
    const { date, weekday } = filter.worksOn;
    const override = sql`(select json_array_length(${scheduleOverrides.ranges}) from ${scheduleOverrides} where ${scheduleOverrides.providerId} = ${p.userId} and ${scheduleOverrides.date} = ${date})`;
    conds.push(
      sql`coalesce(${override}, (select json_array_length(${schedules.weekly}, ${'$.' + weekday}) from ${schedules} where ${schedules.providerId} = ${p.userId}), 0) > 0`,
    );
  }
  let distance: SQL<number> | null = null;
  if (filter.near) {
    // A bounding box narrows by index; the exact distance (equirectangular, fine at city scale) ranks.
    const { lat, lng, radiusKm } = filter.near;
    const dLat = radiusKm / 111;
    const dLng = radiusKm / (111 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
    conds.push(sql`${p.lat} between ${lat - dLat} and ${lat + dLat}`);
    conds.push(sql`${p.lng} between ${lng - dLng} and ${lng + dLng}`);
    const k = Math.cos((lat * Math.PI) / 180);
    distance = sql<number>`111.2 * sqrt((${p.lat} - ${lat}) * (${p.lat} - ${lat}) + (${k} * (${p.lng} - ${lng})) * (${k} * (${p.lng} - ${lng})))`;
    conds.push(sql`${distance} <= ${radiusKm}`);
    // The slack allows for how rough the client's point is (a city centre rather than an address).
    if (filter.near.covers !== false) conds.push(sql`${distance} <= ${p.serviceRadiusKm} + ${filter.near.coverSlackKm ?? 0}`);
  }
  const w = (filter.distanceWeight ?? 0) * 100;
  const best =
    distance && filter.near && w > 0 ? sql`${p.rankScore} + ${w} * max(0, 1 - ${distance} / ${filter.near.radiusKm})` : sql`${p.rankScore}`;
  const order =
    sort === 'price'
      ? [asc(p.hourlyRate), asc(p.userId)]
      : sort === 'distance' && distance
        ? [asc(distance), asc(p.userId)]
        : sort === 'rating'
          ? [desc(bayesianRatingSql()), desc(p.ratingCount), asc(p.userId)]
          : [desc(best), asc(p.userId)];
  return db
    .select({
      id: p.userId,
      slug: p.slug,
      displayName: p.displayName,
      headline: p.headline,
      photoUrl: p.photoUrl,
      hourlyRate: p.hourlyRate,
      currency: p.currency,
      city: p.city,
      timeZone: p.timeZone,
      ratingAvg: p.ratingAvg,
      ratingCount: p.ratingCount,
      completedJobs: p.completedJobs,
      serviceRadiusKm: p.serviceRadiusKm,
      tier: p.tier,
      responseMinutes: p.responseMinutes,
      /** YYYY-MM the provider joined ("member since"). */
      memberSince: sql<string>`strftime('%Y-%m', ${p.createdAt} / 1000, 'unixepoch')`,
      distanceKm: distance ?? sql<number | null>`null`,
    })
    .from(p)
    .where(and(...conds))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

/**
 * The Bayesian average in SQL, written exactly as `provider_bayes_order_idx` is, so "top rated"
 * walks the index (constants inlined: a bound parameter would not match the indexed expression).
 */
function bayesianRatingSql(): SQL<number> {
  const p = providerProfiles;
  const prior = sql.raw(String(BAYES_PRIOR_HUNDREDTHS * BAYES_PRIOR_COUNT));
  return sql<number>`((${p.ratingAvg} * ${p.ratingCount} + ${prior}) * 1.0 / (${p.ratingCount} + ${sql.raw(String(BAYES_PRIOR_COUNT))}))`;
}

export type SearchRow = Awaited<ReturnType<typeof searchProviders>>[number];

/** Active providers' slugs for the sitemap, most recently updated first. */
export async function providerSlugs(db: DbOrTx, limit: number) {
  return db
    .select({ slug: providerProfiles.slug, updatedAt: providerProfiles.updatedAt })
    .from(providerProfiles)
    .where(eq(providerProfiles.active, true))
    .orderBy(desc(providerProfiles.updatedAt), asc(providerProfiles.userId))
    .limit(limit);
}

export async function userById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** The provider whose Stripe connected account this is. */
export async function providerByStripeAccount(db: DbOrTx, stripeAccountId: string): Promise<ProviderRow | undefined> {
  const [row] = await db.select().from(providerProfiles).where(eq(providerProfiles.stripeAccountId, stripeAccountId));
  return row;
}

/** What Stripe says the provider's account can do (and still needs). */
export async function savePayoutReadiness(
  db: DbOrTx,
  providerId: string,
  readiness: Pick<
    ProviderRow,
    'stripeAccountId' | 'chargesEnabled' | 'payoutsEnabled' | 'detailsSubmitted' | 'requirementsDue' | 'disabledReason'
  >,
): Promise<void> {
  await db.update(providerProfiles).set(readiness).where(eq(providerProfiles.userId, providerId));
}

export async function savePayoutSchedule(db: DbOrTx, providerId: string, schedule: ProviderRow['payoutSchedule']): Promise<void> {
  await db.update(providerProfiles).set({ payoutSchedule: schedule }).where(eq(providerProfiles.userId, providerId));
}

/** One more job done (when its earnings enter the ledger, so the profile and the provider's earnings count the same jobs). */
export async function countCompletedJob(db: DbOrTx, providerId: string): Promise<void> {
  await db
    .update(providerProfiles)
    .set({ completedJobs: sql`${providerProfiles.completedJobs} + 1` })
    .where(eq(providerProfiles.userId, providerId));
}

export async function setReliabilityMarks(db: DbOrTx, providerId: string, marks: number): Promise<void> {
  await db.update(providerProfiles).set({ reliabilityMarks: marks }).where(eq(providerProfiles.userId, providerId));
}

/** The places where active providers work, the busiest first: what search offers when it cannot place a query. */
export async function servedCities(db: DbOrTx, limit: number): Promise<{ city: string; country: string; providers: number }[]> {
  const providers = sql<number>`count(*)`.mapWith(Number);
  return db
    .select({ city: providerProfiles.city, country: providerProfiles.country, providers })
    .from(providerProfiles)
    .where(eq(providerProfiles.active, true))
    .groupBy(providerProfiles.city, providerProfiles.country)
    .orderBy(desc(providers), asc(providerProfiles.city))
    .limit(limit);
}
