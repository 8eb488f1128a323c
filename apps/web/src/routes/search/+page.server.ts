import { formatWhen } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { viewerZone } from '$lib/server/viewer-zone';
import { searchQuery, toDiscoveryInput } from '$lib/search-query';
import type { PageServerLoad } from './$types';
import { booksAsClient } from '$lib/server/session';

export const load: PageServerLoad = async (event) => {
  const q = searchQuery.parse(Object.fromEntries(event.url.searchParams));
  const client = api(event);
  try {
    const [categories, results] = await Promise.all([
      client.catalog.categories.query(),
      client.discovery.search.query(toDiscoveryInput(q)),
    ]);
    // Before the browser has said its zone (a first visit), guess the zone of the providers found:
    // people search where they are, so the page rarely has to load again once the browser answers.
    const zone = viewerZone(event.locals, results.items[0]?.timeZone);
    // Times are written here, in the viewer's zone: the cards then render without the browser's Intl
    // (its first use costs a phone 30–50 ms of main thread while the page becomes interactive).
    const items = results.items.map((p) => ({
      ...p,
      nextAvailable: p.nextAvailable && { ...p.nextAvailable, label: formatWhen(p.nextAvailable.start, zone) },
    }));
    return {
      query: q,
      categories,
      results: { ...results, items },
      viewerZone: zone,
      canSave: !event.locals.user || booksAsClient(event.locals.user),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
