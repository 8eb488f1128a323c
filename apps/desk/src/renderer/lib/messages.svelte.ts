import { describeApiError, type RouterOutputs } from '@handled/client';
import { connection } from './connection.svelte.ts';
import { checkDraft, markTheirsRead, mergePages, type ThreadMessage } from './messages.ts';
import { isNetworkError, readThrough } from './offline/cache.ts';
import { session } from './session.svelte.ts';

/** One row of the inbox (`messages.threads`). */
export type ThreadSummary = RouterOutputs['messages']['threads']['threads'][number];
/** One conversation (`messages.thread`): the newest page of messages, oldest first. */
export type Thread = RouterOutputs['messages']['thread'];

export const MESSAGES_POLL_MS = 10_000;

function failed(e: unknown): string {
  const info = describeApiError(e);
  if (info.code === 'UNAUTHORIZED') session.expired();
  return info.message;
}

/**
 * The provider's inbox: the unread count behind the sidebar badge (polled by the app while the
 * window is visible) and the list of threads (loaded while the Messages screen is open; kept on
 * this computer for reading offline). Desktop notifications for new messages come from the
 * activity watcher.
 */
class MessageCenter {
  unread: number | null = $state(null);
  threads: ThreadSummary[] | null = $state(null);
  threadsError: string | null = $state(null);
  /** When the threads shown were read, if from this computer's copy. */
  threadsCachedAt: string | null = $state(null);
  /** Moves on each time the provider reads a thread: a count asked for before that is out of date. */
  #readEpoch = 0;

  async refreshUnread(): Promise<void> {
    const epoch = this.#readEpoch;
    try {
      const { unread } = await session.api.messages.unreadCount.query({});
      // A count that left before the provider read a thread may arrive after the fresher one: drop it.
      if (epoch !== this.#readEpoch) return;
      const before = this.unread;
      this.unread = unread;
      if (before === null || unread > before) await this.refreshThreads();
    } catch (e) {
      // The badge is a hint: keep the last count; the Messages screen shows errors.
      if (!isNetworkError(e)) failed(e);
    }
  }

  async refreshThreads(): Promise<void> {
    try {
      const { value, cachedAt } = await readThrough('threads', () => session.api.messages.threads.query({}));
      this.threads = value.threads;
      this.threadsCachedAt = cachedAt;
      this.threadsError = null;
    } catch (e) {
      this.threadsError = failed(e);
    }
  }

  /** After the provider read a thread: its row and the badge drop at once, without waiting for a poll. */
  markedRead(bookingId: string) {
    this.#readEpoch += 1;
    const row = this.threads?.find((t) => t.bookingId === bookingId);
    if (row && row.unread > 0) {
      this.unread = Math.max(0, (this.unread ?? 0) - row.unread);
      row.unread = 0;
    }
    void this.refreshUnread();
  }

  reset() {
    this.unread = null;
    this.threads = null;
    this.threadsError = null;
    this.threadsCachedAt = null;
  }
}

export const messageCenter = new MessageCenter();

/** One thread as the screen or the booking page shows it: loads, refreshes, sends and marks read. */
export class ThreadState {
  readonly bookingId: string;
  thread: Thread | null = $state(null);
  loadError: string | null = $state(null);
  notFound = $state(false);
  sending = $state(false);
  sendError: string | null = $state(null);
  /** Earlier pages the provider asked for ("Show earlier messages"); polls refresh only the newest page. */
  older: ThreadMessage[] = $state([]);
  hasOlder = $state(false);
  loadingOlder = $state(false);
  /** The first message that was unread when the thread was opened (the "New" divider). */
  newFrom: string | null = $state(null);
  /** False while the thread is out of sight (the booking page's panel scrolled away): nothing is marked read then. */
  inView = $state(typeof IntersectionObserver === 'undefined');
  #opened = false;
  #marking = false;

  constructor(bookingId: string) {
    this.bookingId = bookingId;
  }

  /** When the thread shown was read, if from this computer's copy (no connection). */
  cachedAt: string | null = $state(null);

  async load(): Promise<void> {
    try {
      const { value: thread, cachedAt } = await readThrough(`thread:${this.bookingId}`, () =>
        session.api.messages.thread.query({ bookingId: this.bookingId }),
      );
      this.cachedAt = cachedAt;
      if (!this.#opened) {
        this.#opened = true;
        this.newFrom = thread.messages.find((m) => !m.mine && m.readAt === null)?.id ?? null;
      }
      this.thread = thread;
      if (this.older.length === 0) this.hasOlder = thread.hasOlder;
      this.loadError = null;
      if (!cachedAt) await this.markRead();
    } catch (e) {
      this.notFound = describeApiError(e).code === 'NOT_FOUND';
      this.loadError = failed(e);
    }
  }

  /** Everything loaded, oldest first. */
  get messages(): ThreadMessage[] {
    return mergePages(this.older, this.thread?.messages ?? []);
  }

  async loadOlder(): Promise<void> {
    const first = this.messages[0];
    if (!first || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await session.api.messages.thread.query({ bookingId: this.bookingId, before: first.id });
      this.older = [...page.messages, ...this.older];
      this.hasOlder = page.hasOlder;
    } catch (e) {
      this.loadError = failed(e);
    } finally {
      this.loadingOlder = false;
    }
  }

  /** Marks the client's messages read, only while the provider can see them. */
  async markRead(): Promise<void> {
    const thread = this.thread;
    if (!thread || this.#marking || !this.inView || document.visibilityState !== 'visible') return;
    if (!thread.messages.some((m) => !m.mine && m.readAt === null)) return;
    this.#marking = true;
    try {
      await session.api.messages.markRead.mutate({ bookingId: this.bookingId });
      markTheirsRead(thread.messages);
      messageCenter.markedRead(this.bookingId);
    } catch (e) {
      failed(e);
    } finally {
      this.#marking = false;
    }
  }

  /** Sends the draft; true when it went (the composer then clears). */
  async send(text: string): Promise<boolean> {
    const draft = checkDraft(text);
    if (!draft.ok) {
      this.sendError = draft.reason === 'empty' ? null : draft.message;
      return false;
    }
    if (this.sending) return false;
    this.sending = true;
    this.sendError = null;
    try {
      const { message } = await session.api.messages.send.mutate({ bookingId: this.bookingId, body: draft.body });
      if (this.thread && !this.thread.messages.some((m) => m.id === message.id)) this.thread.messages.push(message);
      void messageCenter.refreshThreads();
      return true;
    } catch (e) {
      if (isNetworkError(e)) {
        connection.unreachable();
        this.sendError = 'You are offline. Your message stays here — send it when you are back online.';
        return false;
      }
      this.sendError = failed(e);
      // The thread may have closed meanwhile (booking cancelled): show why.
      void this.load();
      return false;
    } finally {
      this.sending = false;
    }
  }
}
