import { describeApiError } from '@handled/client';
import { serverNow } from '../clock.ts';
import { connection } from '../connection.svelte.ts';
import { idbClear, idbGet, idbPut } from './idb.ts';

interface Cached<T> {
  value: T;
  savedAt: string;
}

/** Keeps what was read, to show when there is no connection. */
export function remember<T>(key: string, value: T): Promise<void> {
  // $state proxies do not survive structured cloning: store plain data.
  return idbPut('cache', key, {
    value: JSON.parse(JSON.stringify(value)) as T,
    savedAt: serverNow().toISOString(),
  } satisfies Cached<T>).catch(() => undefined);
}

export async function recall<T>(key: string): Promise<Cached<T> | null> {
  return (await idbGet<Cached<T>>('cache', key).catch(() => undefined)) ?? null;
}

/** True when the call failed because Handled could not be reached (not a refusal). */
export function isNetworkError(e: unknown): boolean {
  return describeApiError(e).code === 'NETWORK';
}

export interface Loaded<T> {
  value: T;
  /** When it was read from Handled, if it came from this computer's copy. */
  cachedAt: string | null;
}

/**
 * Reads from Handled and keeps a copy; with no connection, the copy (and says so). A refusal
 * (not found, signed out) is thrown as it is: a copy must not hide it.
 */
export async function readThrough<T>(key: string, read: () => Promise<T>): Promise<Loaded<T>> {
  try {
    const value = await read();
    connection.reached();
    void remember(key, value);
    return { value, cachedAt: null };
  } catch (e) {
    if (!isNetworkError(e)) throw e;
    connection.unreachable();
    const copy = await recall<T>(key);
    if (!copy) throw e;
    return { value: copy.value, cachedAt: copy.savedAt };
  }
}

/** Forgets every copy (sign-out): the next person on this computer sees nothing of it. */
export async function forgetCache(): Promise<void> {
  await Promise.all([idbClear('cache'), idbClear('drafts')]).catch(() => undefined);
}
