import { DomainError } from '@handled/core/errors';
import { priceBooking } from '@handled/core';
import {
  categoriesOfProvider,
  findCategory,
  findProvider,
  listCategories,
  photosOf,
  searchProviders,
  type SearchFilter,
} from '../repositories/providers.ts';
import { publishedReviewsOf, ratingBreakdownOf } from '../repositories/reviews.ts';
import { bayesianRating } from '@handled/core/reputation';
import { providerSlots } from './slots.ts';
import { feePolicyOf } from './settings.ts';
import type { ServiceDeps } from './deps.ts';

export interface SearchInput {
  category?: string | undefined;
  city?: string | undefined;
  near?: { lat: number; lng: number; radiusKm: number } | undefined;
  minRating?: number | undefined;
  maxRate?: number | undefined;
  sort: 'best' | 'rating' | 'price' | 'distance';
  page: number;
  pageSize: number;
}

export async function categories(deps: ServiceDeps) {
  return listCategories(deps.db);
}

export async function search(deps: ServiceDeps, input: SearchInput) {
  const filter: SearchFilter = {};
  if (input.category) {
    const cat = await findCategory(deps.db, input.category);
    if (!cat) return { items: [], page: input.page, hasMore: false, category: null };
    filter.categoryId = cat.id;
  }
  if (input.city) filter.city = input.city;
  if (input.near) filter.near = input.near;
  if (input.minRating) filter.minRatingHundredths = Math.round(input.minRating * 100);
  if (input.maxRate) filter.maxRate = input.maxRate;
  const rows = await searchProviders(deps.db, filter, input.sort, input.pageSize + 1, (input.page - 1) * input.pageSize);
  const category = filter.categoryId ? await findCategory(deps.db, filter.categoryId) : null;
  return {
    items: rows.slice(0, input.pageSize),
    page: input.page,
    hasMore: rows.length > input.pageSize,
    category: category ? { id: category.id, slug: category.slug, name: category.name } : null,
  };
}

export async function profile(deps: ServiceDeps, idOrSlug: string) {
  const p = await findProvider(deps.db, idOrSlug);
  if (!p || !p.active) throw new DomainError('NOT_FOUND', 'We could not find that provider.');
  const [cats, photos, reviews, breakdown] = await Promise.all([
    categoriesOfProvider(deps.db, p.userId),
    photosOf(deps.db, p.userId),
    publishedReviewsOf(deps.db, p.userId, 20),
    ratingBreakdownOf(deps.db, p.userId),
  ]);
  const serviceNames = new Map(cats.map((c) => [c.id, c.name]));
  return {
    id: p.userId,
    slug: p.slug,
    displayName: p.displayName,
    headline: p.headline,
    bio: p.bio,
    photoUrl: p.photoUrl,
    hourlyRate: p.hourlyRate,
    currency: p.currency,
    city: p.city,
    region: p.region,
    country: p.country,
    timeZone: p.timeZone,
    serviceRadiusKm: p.serviceRadiusKm,
    ratingAvg: p.ratingAvg,
    ratingCount: p.ratingCount,
    completedJobs: p.completedJobs,
    taxBps: p.taxBps,
    requiresUpfrontPayment: p.requiresUpfrontPayment,
    cancellationPolicy: p.cancellationPolicy,
    categories: cats.map((c) => ({ id: c.id, slug: c.slug, name: c.name, hourlyRate: c.hourlyRate ?? p.hourlyRate })),
    languages: p.languages,
    photos: photos.map((ph) => ({ url: ph.url, caption: ph.caption })),
    /** The rating as search ranks it: the average pulled towards 4.0 by five phantom reviews (hundredths). */
    bayesianRating: Math.round(bayesianRating(p.ratingAvg, p.ratingCount)),
    /** Published reviews per number of stars, 5 to 1, and the sub-ratings' averages (hundredths; null without any). */
    ratingBreakdown: [5, 4, 3, 2, 1].map((n) => ({ stars: n, count: breakdown.stars.find((x) => x.rating === n)?.n ?? 0 })),
    subRatings: breakdown.subs,
    tier: p.tier,
    qualityScore: p.qualityScore,
    /** Median minutes to answer a request (null before any answer): "responds within N hours". */
    responseMinutes: p.responseMinutes,
    memberSince: p.createdAt.toISOString().slice(0, 7),
    reviews: reviews.map(({ photoIds, categoryId, respondedAt, ...r }) => ({
      ...r,
      service: serviceNames.get(categoryId) ?? null,
      photos: photoIds.map((id) => ({ id, url: `/review-photos/${r.id}/${id}`, thumbUrl: `/review-photos/${r.id}/${id}?size=thumb` })),
      respondedAt: respondedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      authorName: r.authorName.split(' ')[0] ?? r.authorName,
      /** Every review here comes from a completed booking on Handled. */
      verified: true,
    })),
  };
}

/** A provider's free slots (services/slots.ts: cached per provider, exact across processes). */
export const slots = providerSlots;

/** The price a request would get: the same computation as the booking, with the category's fees. */
export async function quote(deps: ServiceDeps, input: { providerId: string; hours: number; categoryId?: string | undefined }) {
  const p = await findProvider(deps.db, input.providerId);
  if (!p || !p.active) throw new DomainError('NOT_FOUND', 'We could not find that provider.');
  const cats = await categoriesOfProvider(deps.db, p.userId);
  const category = cats.find((c) => c.id === input.categoryId || c.slug === input.categoryId) ?? cats[0];
  return priceBooking({
    hourlyRate: category?.hourlyRate ?? p.hourlyRate,
    currency: p.currency,
    hours: input.hours,
    taxBps: p.taxBps,
    ...(category ? { fees: await feePolicyOf(deps.db, category.slug) } : {}),
  });
}
