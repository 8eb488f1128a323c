import { servedCities, type SearchFilter, type SearchRow, type SearchSort } from '../../repositories/providers.ts';
import { favouriteIdsAmong } from '../../repositories/favourites.ts';
import { freeSlotsOfPage, type FreeSlot } from './page-availability.ts';
import { cachedFindCategory, cachedSearchProviders } from './page-cache.ts';
import type { ServiceDeps } from '../deps.ts';
import { locate, placesLike, type Place } from './places.ts';
import { rankingWeights } from '../settings.ts';

export interface DiscoveryInput {
  category?: string | undefined;
  /** A postal code or a city, as the client typed it. */
  where?: string | undefined;
  country?: string | undefined;
  radiusKm: number;
  /** Only providers whose service area covers the client's location. */
  coversMe: boolean;
  minRating?: number | undefined;
  minRate?: number | undefined;
  maxRate?: number | undefined;
  /** YYYY-MM-DD: only providers with a free slot (of `hours`) that day, in their zone. */
  availableOn?: string | undefined;
  hours: number;
  sort: SearchSort;
  /** Position in the sorted list where this page starts (from the previous page's `nextCursor`). */
  cursor: number;
  pageSize: number;
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
/** With a date filter, how many candidates one page may check before it returns what it found. */
const MAX_CHECKED = 240;

export interface DiscoveryCard extends SearchRow {
  nextAvailable: { start: string; end: string } | null;
  favourite: boolean;
}

export interface DiscoveryPage {
  location: Place | null;
  /** Set when `where` could not be placed; the page then lists nobody (not the whole world under an error). */
  locationError: string | null;
  /** With `locationError`: places to search instead — names like the one typed, then where providers work. */
  placeSuggestions: { where: string; label: string; providers: number | null }[];
  category: { id: string; slug: string; name: string } | null;
  items: DiscoveryCard[];
  cursor: number;
  nextCursor: number | null;
  /** How many candidates the date filter checked for this page (for the bench and the curious). */
  checked: number;
}

/**
 * One page of providers for the client: place the location offline, filter and sort in SQL, then
 * work out each card's next free time — for the page only, so the cost does not grow with the
 * number of providers. With a date filter the SQL narrows to providers who work that weekday and
 * the exact check (bookings, Cal.com busy time, notice) runs candidate by candidate in the stable
 * order until the page is full; `nextCursor` says where the next page resumes.
 */
export async function discover(deps: ServiceDeps, input: DiscoveryInput, viewerId: string | null): Promise<DiscoveryPage> {
  const filter: SearchFilter = {};
  let category: DiscoveryPage['category'] = null;
  if (input.category) {
    const cat = await cachedFindCategory(deps.db, input.category);
    if (!cat) return empty(input, null, null);
    filter.categoryId = cat.id;
    category = { id: cat.id, slug: cat.slug, name: cat.name };
  }
  let location: Place | null = null;
  let locationError: string | null = null;
  if (input.where?.trim()) {
    location = locate(input.where, input.country);
    if (location)
      filter.near = {
        lat: location.lat,
        lng: location.lng,
        radiusKm: input.radiusKm,
        covers: input.coversMe,
        coverSlackKm: location.kind === 'city' ? location.precisionKm : 0,
      };
    else {
      locationError = `We couldn't find “${input.where.trim()}”. Try a postal code (10001, SW1A 1AA, 2000) or a city.`;
      return { ...empty(input, null, locationError), category, placeSuggestions: await placeSuggestions(deps, input.where) };
    }
  }
  if (filter.near && input.sort === 'best') filter.distanceWeight = (await rankingWeights(deps.db)).distance;
  if (input.minRating) filter.minRatingHundredths = Math.round(input.minRating * 100);
  if (input.minRate) filter.minRate = input.minRate;
  if (input.maxRate) filter.maxRate = input.maxRate;
  if (input.availableOn) {
    const weekday = weekdays[new Date(`${input.availableOn}T12:00:00Z`).getUTCDay()]!;
    filter.worksOn = { date: input.availableOn, weekday };
  }
  const sort = input.sort === 'distance' && !filter.near ? 'best' : input.sort;
  const now = deps.now();
  const lengthMin = Math.round(input.hours * 60);

  if (!input.availableOn) {
    const rows = await cachedSearchProviders(deps.db, filter, sort, input.pageSize + 1, input.cursor);
    const page = rows.slice(0, input.pageSize);
    const cards = await withNextAvailable(deps, page, lengthMin, now);
    return finish(
      deps,
      {
        location,
        locationError,
        placeSuggestions: [],
        category,
        cursor: input.cursor,
        nextCursor: rows.length > input.pageSize ? input.cursor + input.pageSize : null,
        checked: page.length,
      },
      cards,
      viewerId,
    );
  }

  const day = input.availableOn;
  const found: DiscoveryCard[] = [];
  let position = input.cursor;
  let exhausted = false;
  const batch = input.pageSize * 2;
  // Each batch reads one row more than it checks: whether anyone is left after the page is then
  // known without another query (the date filter makes each one costly at 50,000 providers).
  let left = false;
  while (found.length < input.pageSize && position - input.cursor < MAX_CHECKED) {
    const rows = await cachedSearchProviders(deps.db, filter, sort, batch + 1, position);
    const candidates = rows.slice(0, batch);
    if (candidates.length === 0) {
      exhausted = true;
      break;
    }
    const cards = await firstSlotsOn(deps, candidates, day, lengthMin, now);
    let used = 0;
    for (const card of cards) {
      used++;
      if (card) found.push(card);
      if (found.length === input.pageSize) break;
    }
    position += used;
    left = rows.length > used;
    if (!left) {
      exhausted = true;
      break;
    }
  }
  const more = !exhausted && left;
  return finish(
    deps,
    {
      location,
      locationError,
      placeSuggestions: [],
      category,
      cursor: input.cursor,
      nextCursor: more ? position : null,
      checked: position - input.cursor,
    },
    found,
    viewerId,
  );
}

function empty(input: DiscoveryInput, location: Place | null, locationError: string | null): DiscoveryPage {
  return { location, locationError, placeSuggestions: [], category: null, items: [], cursor: input.cursor, nextCursor: null, checked: 0 };
}

/** What to offer for a place search could not find: names close to the one typed, then the cities providers work in. */
async function placeSuggestions(deps: ServiceDeps, where: string): Promise<DiscoveryPage['placeSuggestions']> {
  const like = placesLike(where).map((name) => ({ where: name, label: name, providers: null }));
  const served = (await servedCities(deps.db, 4)).map((c) => ({ where: `${c.city}, ${c.country}`, label: c.city, providers: c.providers }));
  const seen = new Set(like.map((l) => l.where.split(',')[0]!.toLowerCase()));
  return [...like, ...served.filter((s) => !seen.has(s.label.toLowerCase()))].slice(0, 6);
}

async function finish(
  deps: ServiceDeps,
  page: Omit<DiscoveryPage, 'items'>,
  cards: DiscoveryCard[],
  viewerId: string | null,
): Promise<DiscoveryPage> {
  if (viewerId && cards.length) {
    const favs = await favouriteIdsAmong(
      deps.db,
      viewerId,
      cards.map((c) => c.id),
    );
    for (const c of cards) c.favourite = favs.has(c.id);
  }
  return { ...page, items: cards };
}

const toCard = (row: SearchRow, slot: FreeSlot | null | undefined): DiscoveryCard => ({
  ...row,
  nextAvailable: slot ?? null,
  favourite: false,
});

async function withNextAvailable(deps: ServiceDeps, rows: SearchRow[], lengthMin: number, now: Date): Promise<DiscoveryCard[]> {
  const free = await freeSlotsOfPage(
    deps,
    rows.map((r) => r.id),
    { kind: 'next' },
    lengthMin,
    now.getTime(),
  );
  return rows.map((r) => toCard(r, free.get(r.id)));
}

/** Each row's first slot on `date` in its own zone, or null when it has none. */
async function firstSlotsOn(
  deps: ServiceDeps,
  rows: SearchRow[],
  date: string,
  lengthMin: number,
  now: Date,
): Promise<(DiscoveryCard | null)[]> {
  const free = await freeSlotsOfPage(
    deps,
    rows.map((r) => r.id),
    { kind: 'on', date },
    lengthMin,
    now.getTime(),
  );
  return rows.map((r) => {
    const slot = free.get(r.id);
    return slot ? toCard(r, slot) : null;
  });
}
