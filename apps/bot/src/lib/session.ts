import type { LazySessionFlavor, StorageAdapter } from 'grammy';
import type { ApiForChat } from '../context.ts';

/**
 * What the bot remembers about a chat between updates (grammY's session), kept in libSQL through
 * the API (`bot.session*`, the bot's secret, one chat per request) so a restart in the middle of a
 * flow loses nothing and several bot processes agree. Small on purpose: buttons carry the rest.
 */
export interface BotSession {
  /** The slots last offered for a new time, so `bk:slot:<id>:<n>` names one in 64 bytes. */
  reschedule?: { bookingId: string; date: string; slots: string[] };
  /** A rebooking in progress: the job repeated from the last booking, the times offered, the one chosen. */
  rebook?: {
    providerId: string;
    categoryId: string;
    categoryName: string;
    hours: number;
    details: string;
    lastAddress: SessionAddress | null;
    lastPhone: string | null;
    slots: string[];
    startsAt?: string;
  };
  /** What the next typed message is for (a message to the other side, a problem, a review's words). */
  awaiting?: { kind: 'message' | 'problem' | 'review' | 'emergency'; bookingId: string; stars?: number };
}

export interface SessionAddress {
  line1: string;
  line2?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  postalCode: string;
  country: string;
}

export type SessionFlavor = LazySessionFlavor<BotSession>;

/** grammY's storage adapter over the API: the key is the chat id, which the API checks against the request's chat. */
export function apiSessionStorage(api: ApiForChat): StorageAdapter<BotSession> {
  return {
    async read(key) {
      const { value } = await api(key).bot.sessionRead.query({ key });
      return (value ?? undefined) as BotSession | undefined;
    },
    async write(key, value) {
      await api(key).bot.sessionWrite.mutate({ key, value: { ...value } });
    },
    async delete(key) {
      await api(key).bot.sessionDelete.mutate({ key });
    },
  };
}
