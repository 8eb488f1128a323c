import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { searchQuery, toDiscoveryInput } from '$lib/search-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const q = searchQuery.parse(Object.fromEntries(event.url.searchParams));
  const client = api(event);
  try {
    const [categories, results] = await Promise.all([client.catalog.categories.query(), client.discovery.search.query(toDiscoveryInput(q))]);
    return { query: q, categories, results, zone: event.locals.timeZone ?? 'UTC', canSave: event.locals.user?.role !== 'provider' };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

