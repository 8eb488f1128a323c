import { type RouterOutputs, describeApiError } from '@handled/client';
import type { PriceSnapshot } from '@handled/core';
import { formatDay, formatTimeSpan } from '@handled/core/time-in-zone';
import { bridge } from './bridge.ts';
import { money } from './format.ts';
import { session } from './session.svelte.ts';

export type BookingSummary = RouterOutputs['bookings']['forProvider'][number];
export type BookingDetail = RouterOutputs['bookings']['get'];

export const POLL_MS = 10_000;
const upcomingStatuses = ['accepted', 'confirmed', 'in_progress'] as const;

/**
 * The provider's requests and upcoming jobs, refreshed every ten seconds and on focus so a new
 * request or a payment shows without reloading; tells the provider (desktop notification)
 * about new requests and payments that arrive while the app is open.
 */
class DeskData {
  requests: BookingSummary[] | null = $state(null);
  upcoming: BookingSummary[] | null = $state(null);
  /** Earnings per request (the list carries only the client's total). */
  prices: Record<string, PriceSnapshot> = $state({});
  error: string | null = $state(null);
  refreshing = $state(false);
  now = $state(new Date());
  #inFlight: Promise<void> | null = null;

  get requestCount(): number {
    return this.requests?.filter((r) => !r.expiresAt || new Date(r.expiresAt) > this.now).length ?? 0;
  }

  refresh(): Promise<void> {
    this.#inFlight ??= this.#load().finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  reset() {
    this.requests = null;
    this.upcoming = null;
    this.prices = {};
    this.error = null;
  }

  async #load() {
    this.refreshing = true;
    try {
      const [requests, upcoming] = await Promise.all([
        session.api.bookings.forProvider.query({ scope: 'upcoming', statuses: ['requested'] }),
        session.api.bookings.forProvider.query({ scope: 'upcoming', statuses: [...upcomingStatuses] }),
      ]);
      await this.#loadPrices(requests);
      this.#announce(requests, upcoming);
      this.requests = requests;
      this.upcoming = upcoming;
      this.error = null;
    } catch (e) {
      const info = describeApiError(e);
      if (info.code === 'UNAUTHORIZED') session.expired();
      this.error = info.message;
    } finally {
      this.now = new Date();
      this.refreshing = false;
    }
  }

  async #loadPrices(requests: BookingSummary[]) {
    const missing = requests.filter((r) => !this.prices[r.id]);
    if (missing.length === 0) return;
    // One HTTP request: the tRPC link batches these.
    const details = await Promise.allSettled(missing.map((r) => session.api.bookings.get.query({ id: r.id })));
    const next = { ...this.prices };
    for (const d of details) if (d.status === 'fulfilled') next[d.value.id] = d.value.price;
    this.prices = next;
  }

  #announce(requests: BookingSummary[], upcoming: BookingSummary[]) {
    if (this.requests) {
      const known = new Set(this.requests.map((r) => r.id));
      for (const r of requests.filter((x) => !known.has(x.id))) {
        const price = this.prices[r.id];
        void bridge.notify({
          title: `New request from ${r.clientName}`,
          body: `${r.categoryName} · ${formatDay(r.startsAt, r.timeZone)}, ${formatTimeSpan(r.startsAt, r.endsAt, r.timeZone)}${price ? ` · you earn ${money(price.providerEarnings, price.currency)}` : ''}`,
          route: `#/bookings/${r.id}`,
        });
      }
    }
    if (this.upcoming) {
      const waiting = new Set(this.upcoming.filter((b) => b.status === 'accepted').map((b) => b.id));
      for (const b of upcoming.filter((x) => x.status === 'confirmed' && waiting.has(x.id))) {
        void bridge.notify({
          title: `${b.clientName} paid — booking confirmed`,
          body: `${b.categoryName} · ${formatDay(b.startsAt, b.timeZone)}, ${formatTimeSpan(b.startsAt, b.endsAt, b.timeZone)}`,
          route: `#/bookings/${b.id}`,
        });
      }
    }
  }
}

export const deskData = new DeskData();

/** Runs `tick` now, every `ms`, and when the window regains focus; returns the stop function. */
export function poll(tick: () => void, ms = POLL_MS): () => void {
  tick();
  const timer = setInterval(tick, ms);
  const onFocus = () => tick();
  const onVisible = () => document.visibilityState === 'visible' && tick();
  window.addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
