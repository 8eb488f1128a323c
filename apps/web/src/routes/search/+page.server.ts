import { z } from 'zod';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 12;

const query = z.object({
  category: z.string().trim().max(100).catch(''),
  city: z.string().trim().max(100).catch(''),
  sort: z.enum(['best', 'rating', 'price']).catch('best'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const load: PageServerLoad = async (event) => {
  const q = query.parse(Object.fromEntries(event.url.searchParams));
  const client = api(event);
  try {
    const [categories, results] = await Promise.all([
      client.catalog.categories.query(),
      client.catalog.search.query({
        ...(q.category ? { category: q.category } : {}),
        ...(q.city ? { city: q.city } : {}),
        sort: q.sort,
        page: q.page,
        pageSize: PAGE_SIZE,
      }),
    ]);
    return { query: q, categories, results, pageSize: PAGE_SIZE };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
