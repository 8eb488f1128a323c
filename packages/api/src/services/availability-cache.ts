import type { Db } from '@handled/db';

/**
 * Computed availability answers per provider, exact across processes: each entry carries the
 * provider's availability version (db/src/schema/availability.ts) it was computed at, and a
 * caller only uses it after reading the current version (one primary-key read) and finding it
 * unchanged. Triggers bump the version in the same transaction as any booking, hours, override,
 * rule, Cal.com busy block or connection change, so once such a change commits — in this process
 * or another — no request that starts afterwards is answered from before it.
 *
 * Time also changes answers (notice, horizon): every answer says until when it holds
 * (`validUntil`), at most `ttlMs` after it was made.
 *
 * Bounded: at most `maxProviders` providers (least recently used go first), `maxAnswers` each.
 */
export interface AvailabilityCache<T> {
  get(providerId: string, version: number, key: string, now: number): T | undefined;
  /**
   * The provider id a slug (or id) was last found to name. Safe to use with `get`: a provider's
   * slug and active flag are part of its version, so an answer found under a stale name fails the
   * version check.
   */
  idOf(idOrSlug: string): string | undefined;
  rememberId(idOrSlug: string, providerId: string): void;
  /** Keeps `value` until `validUntil` (epoch ms), and never longer than the cache's TTL after `now`. */
  set(providerId: string, version: number, key: string, value: T, validUntil: number, now: number): void;
  readonly size: number;
}

interface Answer<T> {
  value: T;
  /** The answer holds for `now` in [madeAt, validUntil): a clock set back (tests) asks again. */
  madeAt: number;
  validUntil: number;
}

interface Entry<T> {
  version: number;
  answers: Map<string, Answer<T>>;
}

export interface CacheLimits {
  maxProviders?: number;
  maxAnswers?: number;
  ttlMs?: number;
}

export function createAvailabilityCache<T>({
  maxProviders = 2000,
  maxAnswers = 24,
  ttlMs = 60_000,
}: CacheLimits = {}): AvailabilityCache<T> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry<T>>();
  const ids = new Map<string, string>();
  // The provider moved to the end last: asked again (a burst of hits), it needs no move.
  let latest: string | null = null;
  const touch = (providerId: string, entry: Entry<T>) => {
    if (latest === providerId) return;
    entries.delete(providerId);
    entries.set(providerId, entry);
    latest = providerId;
  };
  return {
    idOf: (idOrSlug) => ids.get(idOrSlug),
    rememberId(idOrSlug, providerId) {
      if (ids.size >= maxProviders * 2) ids.clear();
      ids.set(idOrSlug, providerId);
    },
    get(providerId, version, key, now) {
      const entry = entries.get(providerId);
      if (!entry) return undefined;
      if (entry.version !== version) {
        entries.delete(providerId);
        if (latest === providerId) latest = null;
        return undefined;
      }
      const answer = entry.answers.get(key);
      if (!answer) return undefined;
      if (now >= answer.validUntil || now < answer.madeAt) {
        entry.answers.delete(key);
        return undefined;
      }
      touch(providerId, entry);
      return answer.value;
    },
    set(providerId, version, key, value, validUntil, now) {
      let entry = entries.get(providerId);
      // A newer answer replaces an older version's; an older one (a slow request) is dropped.
      if (entry && entry.version > version) return;
      if (!entry || entry.version !== version) {
        entry = { version, answers: new Map() };
        entries.set(providerId, entry);
        if (latest === providerId) latest = null;
      }
      touch(providerId, entry);
      if (entries.size > maxProviders) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
        if (latest === oldest) latest = null;
      }
      entry.answers.delete(key);
      entry.answers.set(key, { value, madeAt: now, validUntil: Math.min(validUntil, now + ttlMs) });
      if (entry.answers.size > maxAnswers) entry.answers.delete(entry.answers.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}

// One cache per database handle: tests run several databases in one process, and provider ids
// (from a seeded generator) may repeat between them.
const caches = new WeakMap<Db, Map<string, AvailabilityCache<unknown>>>();

/** The process's cache named `name` for this database. */
export function availabilityCacheOf<T>(db: Db, name: string, limits?: CacheLimits): AvailabilityCache<T> {
  let named = caches.get(db);
  if (!named) caches.set(db, (named = new Map()));
  let cache = named.get(name);
  if (!cache) named.set(name, (cache = createAvailabilityCache<unknown>(limits)));
  return cache as AvailabilityCache<T>;
}
