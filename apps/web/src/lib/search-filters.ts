import type { SearchQuery } from './search-query.ts';

// What the search page needs in the browser, without zod (parsing the query is the server's job;
// zod's JIT probe would also trip the page's CSP, which refuses eval).
export const PAGE_SIZE = 12;
export const radiusChoices = [5, 10, 15, 25, 50] as const;

/** How many filters narrow the list (for the "Filters (2)" label on phones). */
export function activeFilterCount(q: SearchQuery): number {
  return [q.rating, q.min, q.max, q.date, q.area === 'any' ? 1 : undefined].filter((v) => v !== undefined).length;
}
