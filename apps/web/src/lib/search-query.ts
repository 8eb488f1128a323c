import { z } from 'zod';
import { PAGE_SIZE, radiusChoices } from './search-filters.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalNumber = (schema: z.ZodNumber) => z.preprocess(blankToUndefined, z.coerce.number().pipe(schema).optional()).catch(undefined);

/** The search page's URL parameters: every filter is a plain GET field, so it all works without JavaScript. */
export const searchQuery = z.object({
  category: z.string().trim().max(100).catch(''),
  where: z.string().trim().max(100).catch(''),
  radius: z.coerce
    .number()
    .pipe(z.union(radiusChoices.map((r) => z.literal(r))))
    .catch(15),
  /** "any" turns off the service-area rule (default: only providers who come to you). */
  area: z.enum(['covers', 'any']).catch('covers'),
  rating: optionalNumber(z.number().min(0).max(5)),
  min: optionalNumber(z.number().min(0).max(100_000)),
  max: optionalNumber(z.number().min(0).max(100_000)),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  sort: z.enum(['best', 'rating', 'price', 'distance']).catch('best'),
  at: z.coerce.number().int().min(0).max(100_000).catch(0),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** The API's input: prices are typed in whole currency units and sent in minor units. */
export function toDiscoveryInput(q: SearchQuery) {
  return {
    ...(q.category ? { category: q.category } : {}),
    ...(q.where ? { where: q.where } : {}),
    radiusKm: q.radius,
    coversMe: q.area === 'covers',
    ...(q.rating ? { minRating: q.rating } : {}),
    ...(q.min !== undefined ? { minRate: Math.round(q.min * 100) } : {}),
    ...(q.max !== undefined ? { maxRate: Math.round(q.max * 100) } : {}),
    ...(q.date ? { availableOn: q.date } : {}),
    sort: q.sort,
    cursor: q.at,
    pageSize: PAGE_SIZE,
  };
}
