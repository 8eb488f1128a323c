import { tracked } from '@trpc/server';
import { DomainError } from '@handled/core/errors';
import type { Db } from '@handled/db';
import type { SessionUser } from '../../context.ts';
import { findBooking } from '../../repositories/bookings.ts';
import { enquiryById } from '../../repositories/enquiries.ts';
import {
  liveEventsAfter,
  newestLiveSeq,
  newestLiveSeqOf,
  oldestLiveSeq,
  pruneLiveEvents,
  type LiveEventRow,
} from '../../repositories/live-events.ts';
import type { ServiceDeps } from '../deps.ts';

/** How often a process looks at the change cursor while someone is subscribed (every process does: several may share a file). */
export const LIVE_POLL_MS = 250;
/** A subscriber re-reads at least this often, whatever the poller saw. */
const LIVE_MAX_WAIT_MS = 10_000;
/** Changes are kept this long for catch-up; a subscriber away longer reloads. */
const LIVE_KEEP_MS = 24 * 3_600_000;
const PAGE = 200;

export type LiveKind = LiveEventRow['kind'] | 'ready' | 'resync';

export interface LiveEvent {
  kind: LiveKind;
  bookingId: string | null;
  /** The message, booking event, change, enquiry or alert the change is about. */
  refId: string | null;
  at: string;
}

interface Waiter {
  seen: number;
  wake: () => void;
}

/**
 * One per database per process: while anyone is subscribed, it reads the newest change id (one
 * indexed read) every LIVE_POLL_MS and wakes the subscribers when it moved. Subscribers then read
 * their own changes. Every few hours it drops changes older than a day.
 */
class Ticker {
  seq = -1;
  #waiters = new Set<Waiter>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastPrune = 0;
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Resolves when the cursor differs from `seen`, the signal aborts, or after LIVE_MAX_WAIT_MS. */
  wait(seen: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const w: Waiter = {
        seen,
        wake: () => {
          this.#waiters.delete(w);
          clearTimeout(timeout);
          signal?.removeEventListener('abort', w.wake);
          resolve();
        },
      };
      const timeout = setTimeout(w.wake, LIVE_MAX_WAIT_MS);
      timeout.unref?.();
      signal?.addEventListener('abort', w.wake, { once: true });
      this.#waiters.add(w);
      if (this.seq !== -1 && this.seq !== seen) return w.wake();
      this.#start();
    });
  }

  #start() {
    if (this.#timer) return;
    this.#timer = setTimeout(() => void this.#tick(), LIVE_POLL_MS);
    this.#timer.unref?.();
  }

  async #tick() {
    try {
      this.seq = await newestLiveSeq(this.db);
      for (const w of [...this.#waiters]) if (w.seen !== this.seq) w.wake();
      const now = this.now().getTime();
      if (now - this.#lastPrune > 3 * 3_600_000) {
        this.#lastPrune = now;
        await pruneLiveEvents(this.db, new Date(now - LIVE_KEEP_MS));
      }
    } catch (e) {
      this.onError(e);
    }
    this.#timer = null;
    if (this.#waiters.size > 0) this.#start();
  }
}

const tickers = new WeakMap<Db, Ticker>();
function tickerOf(deps: ServiceDeps): Ticker {
  let t = tickers.get(deps.db);
  if (!t) {
    t = new Ticker(deps.db, deps.now, (e) => deps.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'live poll failed'));
    tickers.set(deps.db, t);
  }
  return t;
}

const view = (r: LiveEventRow): LiveEvent => ({ kind: r.kind, bookingId: r.bookingId, refId: r.refId, at: r.at.toISOString() });

export interface LiveInput {
  /** Only this booking's changes (its conversation, its page). */
  bookingId?: string | undefined;
  /** Only this enquiry's messages. */
  enquiryId?: string | undefined;
  /** The last event id seen (an SSE reconnect sends it): the changes after it come first. */
  lastEventId?: string | null | undefined;
}

/**
 * The changes that concern this person, as they happen: rows of `live_event` for their user id only
 * (the triggers name each booking's two parties), narrowed to one booking or enquiry the person takes
 * part in. Starts with `ready` (its id is the cursor to resume from); after a reconnect, the missed
 * changes first, or `resync` when they are no longer kept.
 */
export async function assertLiveAccess(deps: ServiceDeps, user: SessionUser, input: LiveInput): Promise<void> {
  const { db } = deps;
  if (input.bookingId) {
    const b = await findBooking(db, input.bookingId);
    if (!b || (b.clientId !== user.id && b.providerId !== user.id))
      throw new DomainError('NOT_FOUND', 'We could not find that conversation.');
  }
  if (input.enquiryId) {
    const e = await enquiryById(db, input.enquiryId);
    if (!e || (e.clientId !== user.id && e.providerId !== user.id))
      throw new DomainError('NOT_FOUND', 'We could not find that conversation.');
  }
}

/** The stream itself; `assertLiveAccess` first (a refusal thrown before the stream starts is a typed error). */
export async function* liveStream(deps: ServiceDeps, user: SessionUser, input: LiveInput, signal: AbortSignal | undefined) {
  const { db } = deps;
  const ticker = tickerOf(deps);
  const resumeFrom = input.lastEventId && /^\d+$/.test(input.lastEventId) ? Number(input.lastEventId) : null;
  let cursor = resumeFrom ?? (await newestLiveSeqOf(db, user.id));
  if (resumeFrom !== null && resumeFrom + 1 < (await oldestLiveSeq(db))) {
    cursor = await newestLiveSeqOf(db, user.id);
    yield tracked(String(cursor), { kind: 'resync', bookingId: null, refId: null, at: deps.now().toISOString() } satisfies LiveEvent);
  } else if (resumeFrom === null) {
    yield tracked(String(cursor), { kind: 'ready', bookingId: null, refId: null, at: deps.now().toISOString() } satisfies LiveEvent);
  }
  const wanted = (r: LiveEventRow) =>
    input.bookingId ? r.bookingId === input.bookingId : input.enquiryId ? r.kind === 'enquiry' && r.refId === input.enquiryId : true;
  while (!signal?.aborted) {
    const seen = ticker.seq;
    const rows = await liveEventsAfter(db, user.id, cursor, PAGE);
    for (const r of rows) {
      cursor = r.seq;
      if (wanted(r)) yield tracked(String(r.seq), view(r));
    }
    if (rows.length < PAGE) await ticker.wait(seen, signal);
  }
}
