import { describeApiError } from '@handled/client';
import { serverNow } from '../clock.ts';
import { connection } from '../connection.svelte.ts';
import { uploadPhoto, UploadError } from '../job-files.ts';
import { session } from '../session.svelte.ts';
import { forgetCache, isNetworkError } from './cache.ts';
import { idbAll, idbClear, idbDelete, idbGet, idbPut } from './idb.ts';
import {
  actionLabel,
  alreadyApplied,
  explainConflict,
  refusalHolds,
  replaceableIndex,
  type BookingNow,
  type JobAction,
  type OutboxEntry,
  type ServerJob,
  type ServerPhoto,
} from './outbox-logic.ts';

type Outcome = 'sent' | 'offline' | { conflict: string; holds: boolean };

const RETRY_MS = 15_000;

/**
 * What the provider did on a job — on my way, start, checklist items, photos, notes, complete —
 * kept on this computer (IndexedDB) and sent to Handled one at a time, in the order it was done:
 * at once when connected, and when the connection comes back otherwise. Survives a restart.
 * An action Handled refuses (the client cancelled meanwhile) stays as a conflict, explained,
 * with what was typed kept, until the provider dismisses it.
 */
class Outbox {
  entries: OutboxEntry[] = $state([]);
  loaded = $state(false);
  syncing = $state(false);
  /** Upload progress (0–1) of photos being sent, by entry id. */
  progress: Record<string, number> = $state({});
  /** Counts up each time a booking's queued actions have all reached Handled: its screens read it again. */
  synced: Record<string, number> = $state({});
  lastSyncedAt: Date | null = $state(null);
  #seq = 0;
  #running: Promise<void> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    connection.onBack(() => void this.flush());
    session.onSignOut(async () => {
      await Promise.all([this.clear(), forgetCache()]);
    });
  }

  /** Reads the outbox left by the last session (a restart, a crash) and sends what waits. */
  async start(): Promise<void> {
    if (!this.loaded) {
      const stored = await idbAll<OutboxEntry>('outbox').catch(() => []);
      // Something "sending" when the app stopped may or may not have arrived: it is checked before it goes again.
      this.entries = stored
        .sort((a, b) => a.seq - b.seq)
        .map((e) => (e.state === 'sending' ? { ...e, state: 'waiting' as const, attempts: e.attempts + 1 } : e));
      this.#seq = this.entries.reduce((max, e) => Math.max(max, e.seq), 0);
      this.loaded = true;
    }
    this.#timer ??= setInterval(() => {
      if (this.waiting > 0) void this.flush();
    }, RETRY_MS);
    await this.flush();
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** The signed-in provider's entries (another person's, left by an ended session, are not shown or sent). */
  get mine(): OutboxEntry[] {
    const me = session.user?.id;
    return this.entries.filter((e) => e.userId === me);
  }

  get waiting(): number {
    return this.mine.filter((e) => e.state !== 'conflict').length;
  }

  get conflicts(): OutboxEntry[] {
    return this.mine.filter((e) => e.state === 'conflict');
  }

  forBooking(bookingId: string): OutboxEntry[] {
    return this.mine.filter((e) => e.bookingId === bookingId);
  }

  /** Queues an action (with its photo file) and starts sending. */
  async add(bookingId: string, action: JobAction, file?: Blob): Promise<void> {
    if (!this.loaded) await this.start();
    if (file && action.kind === 'photo') await idbPut('files', action.fileKey, file);
    const replace = replaceableIndex(this.entries, bookingId, action);
    if (replace >= 0) {
      const entry = { ...this.entries[replace]!, action, queuedAt: new Date().toISOString() };
      this.entries[replace] = entry;
      await this.#persist(entry);
    } else {
      const entry: OutboxEntry = {
        seq: ++this.#seq,
        id: crypto.randomUUID(),
        userId: session.user?.id ?? '',
        bookingId,
        action,
        queuedAt: new Date().toISOString(),
        state: 'waiting',
        attempts: 0,
        error: null,
      };
      this.entries.push(entry);
      await this.#persist(entry);
    }
    void this.flush();
  }

  /** Sends what waits, in order; one run at a time. */
  flush(): Promise<void> {
    this.#running ??= this.#run().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Drops a refused action (the provider has read why). */
  async discard(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    this.entries = this.entries.filter((e) => e.id !== id);
    await idbDelete('outbox', entry.seq);
    if (entry.action.kind === 'photo') await idbDelete('files', entry.action.fileKey);
  }

  /** Tries a refused action again (after the provider fixed what was wrong, e.g. signed in again). */
  async retry(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    entry.state = 'waiting';
    entry.error = null;
    await this.#persist(entry);
    void this.flush();
  }

  /** A photo waiting to upload, to show it before it reaches Handled. */
  photoFile(fileKey: string): Promise<Blob | undefined> {
    return idbGet<Blob>('files', fileKey);
  }

  async clear(): Promise<void> {
    this.entries = [];
    this.progress = {};
    await Promise.all([idbClear('outbox'), idbClear('files')]).catch(() => undefined);
  }

  async #persist(entry: OutboxEntry) {
    await idbPut('outbox', entry.seq, JSON.parse(JSON.stringify(entry)) as OutboxEntry).catch(() => undefined);
  }

  async #run(): Promise<void> {
    if (!session.user || !this.loaded) return;
    this.syncing = true;
    try {
      for (;;) {
        const me = session.user?.id;
        const entry = this.entries.find((e) => e.state === 'waiting' && e.userId === me);
        if (!entry) break;
        // An earlier action on the same booking was refused: this one is held with it, not sent past it.
        const refused = this.entries.find((e) => e.bookingId === entry.bookingId && e.state === 'conflict' && e.holds && e.seq < entry.seq);
        if (refused) {
          entry.state = 'conflict';
          entry.error = `${actionLabel(entry.action)} was held back with it.`;
          entry.holds = true;
          await this.#persist(entry);
          continue;
        }
        entry.state = 'sending';
        const outcome = await this.#send(entry);
        if (outcome === 'offline') {
          entry.state = 'waiting';
          entry.attempts += 1;
          await this.#persist(entry);
          break;
        }
        if (outcome === 'sent') {
          this.entries = this.entries.filter((e) => e.id !== entry.id);
          delete this.progress[entry.id];
          await idbDelete('outbox', entry.seq);
          if (entry.action.kind === 'photo') await idbDelete('files', entry.action.fileKey);
          if (!this.entries.some((e) => e.bookingId === entry.bookingId && e.state !== 'conflict'))
            this.synced[entry.bookingId] = (this.synced[entry.bookingId] ?? 0) + 1;
          this.lastSyncedAt = serverNow();
          continue;
        }
        entry.state = 'conflict';
        entry.error = outcome.conflict;
        entry.holds = outcome.holds;
        await this.#persist(entry);
        this.synced[entry.bookingId] = (this.synced[entry.bookingId] ?? 0) + 1;
      }
    } finally {
      this.syncing = false;
    }
  }

  async #serverState(bookingId: string): Promise<{ job: ServerJob; photos: ServerPhoto[]; booking: BookingNow }> {
    const [booking, job, photos] = await Promise.all([
      session.api.bookings.get.query({ id: bookingId }),
      session.api.lifecycle.job.query({ id: bookingId }),
      session.api.attachments.list.query({ id: bookingId }),
    ]);
    return {
      job,
      photos,
      booking: { status: booking.status, cancelledBy: booking.cancelledBy, clientName: booking.client?.name ?? 'The client' },
    };
  }

  async #send(entry: OutboxEntry): Promise<Outcome> {
    const id = entry.bookingId;
    const a = entry.action;
    try {
      // A second try of something whose answer was lost: ask first whether it arrived.
      if (entry.attempts > 0) {
        const now = await this.#serverState(id);
        if (alreadyApplied(entry, now.job, now.photos)) return 'sent';
      }
      switch (a.kind) {
        case 'on_my_way':
          await session.api.lifecycle.onMyWay.mutate({ id });
          break;
        case 'start':
          await session.api.lifecycle.start.mutate({ id });
          break;
        case 'checklist':
          await session.api.lifecycle.saveProgress.mutate({ id, checklist: [{ item: a.item, done: a.done }] });
          break;
        case 'notes':
          await session.api.lifecycle.saveProgress.mutate({ id, notes: a.notes });
          break;
        case 'complete':
          await session.api.lifecycle.complete.mutate({ id, actualHours: a.actualHours, checklist: a.checklist, notes: a.notes });
          break;
        case 'photo': {
          const file = await idbGet<Blob>('files', a.fileKey);
          if (!file) return { conflict: `${actionLabel(a)} is no longer on this computer, so it could not be sent.`, holds: false };
          if (!entry.knownPhotoIds) {
            entry.knownPhotoIds = (await session.api.attachments.list.query({ id })).map((p) => p.id);
            await this.#persist(entry);
          }
          const { done } = uploadPhoto(id, a.photoKind, new File([file], a.name, { type: a.type }), (f) => (this.progress[entry.id] = f));
          await done;
          break;
        }
      }
      connection.reached();
      return 'sent';
    } catch (e) {
      if (e instanceof UploadError) {
        if (e.status === 0) return (connection.unreachable(), 'offline');
        if (e.status === 401) return (session.expired(), 'offline');
        return { conflict: `${actionLabel(a)} was not sent: ${e.message}`, holds: false };
      }
      if (isNetworkError(e)) return (connection.unreachable(), 'offline');
      const info = describeApiError(e);
      if (info.code === 'UNAUTHORIZED') return (session.expired(), 'offline');
      // Refused: maybe because it already happened (the answer to an earlier try was lost).
      const now = await this.#serverState(id).catch(() => null);
      if (now && alreadyApplied(entry, now.job, now.photos)) return 'sent';
      return { conflict: explainConflict(a, info.message, now?.booking ?? null), holds: refusalHolds(a, now?.booking ?? null) };
    }
  }
}

export const outbox = new Outbox();
