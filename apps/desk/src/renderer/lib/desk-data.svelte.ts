import { type RouterOutputs, describeApiError } from '@handled/client';
import type { PriceSnapshot } from '@handled/core';
import { DAY_MS } from '@handled/core/durations';
import { noteServerTime, serverNow } from './clock.ts';
import { connection } from './connection.svelte.ts';
import { readThrough, remember } from './offline/cache.ts';
import { session } from './session.svelte.ts';

export type BookingSummary = RouterOutputs['bookings']['forProvider'][number];
export type BookingDetail = RouterOutputs['bookings']['get'];
export type HistoryItem = RouterOutputs['bookings']['history']['items'][number];
export type TodayJobs = RouterOutputs['bookings']['today'];

export const POLL_MS = 10_000;
const upcomingStatuses = ['accepted', 'confirmed', 'in_progress'] as const;
/** How far ahead jobs are kept on this computer in full (details, checklist, messages) for working offline. */
const OFFLINE_DAYS = 7;
const PREFETCH_EVERY_MS = 5 * 60_000;

/** The requests the provider should answer first first: the one that expires soonest (then the soonest job). */
export function byAnswerDeadline<T extends { expiresAt: string | null; startsAt: string }>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) => (a.expiresAt ?? a.startsAt).localeCompare(b.expiresAt ?? b.startsAt) || a.startsAt.localeCompare(b.startsAt),
  );
}

/**
 * The provider's requests, upcoming jobs and today's jobs, refreshed every ten seconds and on
 * focus so a new request or a payment shows without reloading. Each list is kept on this
 * computer as read, with the upcoming week's jobs in full, so the desk still shows them with no
 * connection. (Desktop notifications come from the activity watcher.)
 */
class DeskData {
  requests: BookingSummary[] | null = $state(null);
  upcoming: BookingSummary[] | null = $state(null);
  /** Today's jobs in the provider's zone (the server's today), done ones included, soonest first. */
  today: HistoryItem[] | null = $state(null);
  todayDate: string | null = $state(null);
  /** Earnings per request (the list carries only the client's total). */
  prices: Record<string, PriceSnapshot> = $state({});
  error: string | null = $state(null);
  /** When the lists shown were read, if they come from this computer's copy (no connection). */
  cachedAt: string | null = $state(null);
  refreshing = $state(false);
  now = $state(serverNow());
  #inFlight: Promise<void> | null = null;
  #prefetched = { at: 0, key: '' };

  get requestCount(): number {
    return this.openRequests?.length ?? 0;
  }

  /** Requests still open, the one to answer first first — the order of the list and of the "next" key. */
  get openRequests(): BookingSummary[] | null {
    if (!this.requests) return null;
    return byAnswerDeadline(this.requests.filter((r) => !r.expiresAt || new Date(r.expiresAt) > this.now));
  }

  refresh(): Promise<void> {
    this.#inFlight ??= this.#load().finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  reset() {
    this.requests = null;
    this.upcoming = null;
    this.today = null;
    this.todayDate = null;
    this.prices = {};
    this.error = null;
    this.cachedAt = null;
  }

  async #load() {
    this.refreshing = true;
    this.now = serverNow();
    try {
      const [requests, upcoming, day] = await Promise.allSettled([
        readThrough('lists:requests', () => session.api.bookings.forProvider.query({ scope: 'upcoming', statuses: ['requested'] })),
        readThrough('lists:upcoming', () => session.api.bookings.forProvider.query({ scope: 'upcoming', statuses: [...upcomingStatuses] })),
        readThrough('lists:today', () => session.api.bookings.today.query()),
      ]);
      // Each list on its own: one with no copy yet does not hide the others.
      if (requests.status === 'fulfilled') this.requests = requests.value.value;
      if (upcoming.status === 'fulfilled') this.upcoming = upcoming.value.value;
      if (day.status === 'fulfilled') {
        // Today is the server's today: its clock decides, not this computer's.
        if (!day.value.cachedAt) noteServerTime(day.value.value.asOf);
        this.today = day.value.value.items;
        this.todayDate = day.value.value.date;
      }
      const loaded = [requests, upcoming, day].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      this.cachedAt = loaded.map((r) => r.cachedAt).find((c) => c !== null) ?? null;
      const failed = [requests, upcoming, day].find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      this.error = null;
      if (!this.cachedAt && requests.status === 'fulfilled' && upcoming.status === 'fulfilled') {
        await this.#loadPrices(requests.value.value);
        void this.#prefetch(upcoming.value.value);
      }
    } catch (e) {
      const info = describeApiError(e);
      if (info.code === 'UNAUTHORIZED') session.expired();
      this.error = info.code === 'NETWORK' ? 'You are offline, and this computer has no copy of some of your lists yet.' : info.message;
    } finally {
      this.now = serverNow();
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

  /**
   * The coming week's jobs in full — the booking, its checklist and photos, its messages — kept on
   * this computer, so a job opens in a basement with no signal. Again when the list changes, or
   * every few minutes; one batched request.
   */
  async #prefetch(upcoming: BookingSummary[]) {
    const until = this.now.getTime() + OFFLINE_DAYS * DAY_MS;
    const soon = upcoming.filter((b) => Date.parse(b.startsAt) < until);
    const key = soon.map((b) => `${b.id}:${b.version}`).join(',');
    if (key === this.#prefetched.key && Date.now() - this.#prefetched.at < PREFETCH_EVERY_MS) return;
    this.#prefetched = { at: Date.now(), key };
    await Promise.allSettled(
      soon.flatMap((b) => [
        session.api.bookings.get.query({ id: b.id }).then((v) => remember(`booking:${b.id}`, v)),
        session.api.lifecycle.job.query({ id: b.id }).then((v) => remember(`job:${b.id}`, v)),
        session.api.attachments.list.query({ id: b.id }).then((v) => remember(`photos:${b.id}`, v)),
        session.api.messages.thread.query({ bookingId: b.id }).then((v) => remember(`thread:${b.id}`, v)),
      ]),
    );
    connection.reached();
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
