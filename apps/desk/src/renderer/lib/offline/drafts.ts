import { idbDelete, idbGet, idbPut } from './idb.ts';

/** What the provider is typing (job notes, hours, a message), kept on this computer as they type: nothing is lost on a restart. */
export function saveDraft<T>(key: string, value: T): Promise<void> {
  return idbPut('drafts', key, JSON.parse(JSON.stringify(value)) as T).catch(() => undefined);
}

export async function loadDraft<T>(key: string): Promise<T | null> {
  return (await idbGet<T>('drafts', key).catch(() => undefined)) ?? null;
}

export function dropDraft(key: string): Promise<void> {
  return idbDelete('drafts', key).catch(() => undefined);
}
