import type { Db } from '@handled/db';
import { findCategory, searchProviders, type SearchFilter, type SearchRow, type SearchSort } from '../../repositories/providers.ts';
import { searchVersion } from '../../repositories/availability.ts';

/**
 * Pages of search results, kept while the catalogue's search version (db/src/schema/availability.ts)
 * is unchanged: triggers move it with any change to what a search filters, sorts or shows, so a
 * kept page is what the query would return now. Checked with one primary-key read per search.
 * Bounded: at most MAX_PAGES queries; all of them go when the version moves.
 */
const MAX_PAGES = 1000;
type Category = Awaited<ReturnType<typeof findCategory>>;
const pages = new WeakMap<Db, { version: number; rows: Map<string, SearchRow[]>; categories: Map<string, Category> }>();

async function keptFor(db: Db) {
  const version = await searchVersion(db);
  let kept = pages.get(db);
  if (!kept || kept.version !== version) pages.set(db, (kept = { version, rows: new Map(), categories: new Map() }));
  return kept;
}

/** A category by id or slug, kept like the pages (categories move the search version too). */
export async function cachedFindCategory(db: Db, idOrSlug: string): Promise<Category> {
  const kept = await keptFor(db);
  if (kept.categories.has(idOrSlug)) return kept.categories.get(idOrSlug);
  const category = await findCategory(db, idOrSlug);
  if (pages.get(db) === kept && kept.categories.size < MAX_PAGES) kept.categories.set(idOrSlug, category);
  return category;
}

export async function cachedSearchProviders(
  db: Db,
  filter: SearchFilter,
  sort: SearchSort,
  limit: number,
  offset: number,
): Promise<SearchRow[]> {
  const kept = await keptFor(db);
  const key = JSON.stringify([filter, sort, limit, offset]);
  const hit = kept.rows.get(key);
  if (hit) return hit;
  const rows = await searchProviders(db, filter, sort, limit, offset);
  // A search that read before a change committed must not be kept under the newer version.
  if (pages.get(db) === kept) {
    if (kept.rows.size >= MAX_PAGES) kept.rows.delete(kept.rows.keys().next().value as string);
    kept.rows.set(key, rows);
  }
  return rows;
}
