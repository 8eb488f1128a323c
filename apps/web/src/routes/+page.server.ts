import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const client = api(event);
  try {
    const [categories, top] = await Promise.all([
      client.catalog.categories.query(),
      client.catalog.search.query({ sort: 'rating', pageSize: 50 }),
    ]);
    const cities = [...new Set(top.items.map((p) => p.city))].sort();
    return { categories, featured: top.items.slice(0, 4), cities };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

// The home page is links and a plain GET search form: it ships no JavaScript, so a phone shows it
// and can use it at once (nothing to download and hydrate). Pages it leads to load the app as usual.
export const csr = false;
