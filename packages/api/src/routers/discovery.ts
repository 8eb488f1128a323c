import { z } from 'zod';
import { hoursSchema, idSchema } from '@handled/core/schemas';
import { isCalendarDate } from '@handled/core/availability';
import { publicProcedure, router } from '../trpc.ts';
import { booksAsClient } from '../context.ts';
import { discover } from '../services/discovery/search.ts';
import { locate } from '../services/discovery/places.ts';
import { checkServiceAddress } from '../services/discovery/address.ts';
import { providerSlugs } from '../repositories/providers.ts';

const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Use a two-letter country code')
  .transform((s) => s.toUpperCase());

/** discovery.search's input (apps/server's plain-GET path for it parses the same). */
export const searchInput = z.object({
  category: z.string().trim().max(100).optional(),
  where: z.string().trim().max(100).optional(),
  country: country.optional(),
  radiusKm: z.number().min(1).max(100).default(15),
  coversMe: z.boolean().default(true),
  minRating: z.number().min(0).max(5).optional(),
  minRate: z.number().int().min(0).max(1e7).optional(),
  maxRate: z.number().int().min(0).max(1e7).optional(),
  availableOn: z.string().refine(isCalendarDate, 'Use a date like 2026-05-14').optional(),
  hours: hoursSchema.default(2),
  sort: z.enum(['best', 'rating', 'price', 'distance']).default('best'),
  cursor: z.number().int().min(0).max(100_000).default(0),
  pageSize: z.number().int().min(1).max(30).default(12),
});

/** Finding providers by place: offline postal codes and cities, a radius, filters, next free time. */
export const discoveryRouter = router({
  search: publicProcedure
    .input(searchInput)
    .query(({ ctx, input }) => discover(ctx.deps, input, ctx.user && booksAsClient(ctx.user) ? ctx.user.id : null)),
  /** What a postal code or city resolves to (null when unknown). */
  locate: publicProcedure
    .input(z.object({ query: z.string().trim().min(2).max(100), country: country.optional() }))
    .query(({ input }) => locate(input.query, input.country)),
  /** The booking form's address check: format, existence, inside the provider's service area. */
  checkAddress: publicProcedure
    .input(z.object({ providerId: idSchema, country, postalCode: z.string().trim().min(1).max(20) }))
    .query(({ ctx, input }) => checkServiceAddress(ctx.deps, input)),
  /** Provider pages for the sitemap (a sitemap file holds at most 50,000 URLs). */
  sitemap: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(49_000).default(49_000) }).default({ limit: 49_000 }))
    .query(async ({ ctx, input }) =>
      (await providerSlugs(ctx.deps.db, input.limit)).map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() })),
    ),
});
