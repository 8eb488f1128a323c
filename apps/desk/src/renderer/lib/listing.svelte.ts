import { describeApiError, type RouterOutputs } from '@handled/client';
import { session } from './session.svelte.ts';

export type Listing = RouterOutputs['onboarding']['listing'];
export type ListingStepId = Listing['readiness']['steps'][number]['id'];

/** What a failed call says, beside the field it names (when it names one). */
export interface SaveError {
  message: string;
  fields: Record<string, string>;
}

export function saveErrorOf(e: unknown): SaveError {
  const info = describeApiError(e);
  if (info.code === 'UNAUTHORIZED') session.expired();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(info.fieldErrors)) if (v[0]) fields[k] = v[0];
  return { message: info.message, fields };
}

/**
 * The provider's listing, as the Profile screen edits it: loaded once, replaced by what each save
 * answers (the API answers the whole listing, checklist included), so the checklist always shows
 * what the server decided.
 */
class ListingStore {
  #listing = $state<Listing | null>(null);
  loadError = $state<string | null>(null);
  /** Calls are numbered as they start: an answer older than the one shown is dropped, never shown over it. */
  #started = 0;
  #shown = 0;

  /** The signed-in provider's listing (never the one of whoever was signed in before). */
  get listing(): Listing | null {
    return this.#listing && this.#listing.id === session.user?.id ? this.#listing : null;
  }
  set listing(l: Listing | null) {
    this.#listing = l;
  }

  async load() {
    const n = ++this.#started;
    try {
      this.#show(n, await session.api.onboarding.listing.query());
      this.loadError = null;
    } catch (e) {
      this.loadError = saveErrorOf(e).message;
    }
  }

  /** Runs a save; on success the answer becomes the listing, on failure the error is returned for the form. */
  async save(run: () => Promise<Listing>): Promise<SaveError | null> {
    const n = ++this.#started;
    try {
      this.#show(n, await run());
      return null;
    } catch (e) {
      return saveErrorOf(e);
    }
  }

  #show(n: number, l: Listing) {
    if (n < this.#shown) return;
    this.#shown = n;
    this.listing = l;
  }

  reset() {
    this.#shown = ++this.#started;
    this.listing = null;
    this.loadError = null;
  }
}

export const listingStore = new ListingStore();

/** "45" or "45.50" (in the listing's currency) to minor units; null when it is not an amount. */
export function toMinor(text: string): number | null {
  const t = text
    .trim()
    .replace(/[^\d.,]/g, '')
    .replace(',', '.');
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

export function toMajor(minor: number | null | undefined): string {
  if (!minor) return '';
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
}

/** A public listing photo on the API, at a width it makes (96, 192, 400 or 800). */
export function listingPhotoUrl(apiUrl: string, url: string | null, width?: 96 | 192 | 400 | 800): string | null {
  if (!url) return null;
  const full = url.startsWith('http') ? url : `${apiUrl.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
  return width && (url.startsWith('/files/providers/') || url.startsWith('/files/seed/')) ? `${full}?w=${width}` : full;
}
