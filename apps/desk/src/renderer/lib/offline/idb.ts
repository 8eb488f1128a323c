/**
 * The desk's own storage on this computer (IndexedDB: in Electron's profile or the browser's):
 * the cache of what was last read, the outbox of actions not yet sent, drafts, and photo files
 * waiting to upload. A tiny promise wrapper; where IndexedDB is missing, memory stands in.
 */
export type StoreName = 'cache' | 'outbox' | 'drafts' | 'files';
const STORES: StoreName[] = ['cache', 'outbox', 'drafts', 'files'];
const DB_NAME = 'handled-desk';
const VERSION = 1;

let opening: Promise<IDBDatabase | null> | null = null;
const memory = new Map<StoreName, Map<IDBValidKey, unknown>>(STORES.map((s) => [s, new Map()]));

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const s of STORES) if (!db.objectStoreNames.contains(s)) db.createObjectStore(s);
    };
    req.onsuccess = () => resolve(req.result);
    // Private windows and full disks: work from memory rather than not at all.
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return opening;
}

function run<T>(store: StoreName, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        if (!db) throw new Error('no IndexedDB');
        const tx = db.transaction(store, mode);
        const req = fn(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? req.error);
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      }),
  );
}

async function usable(): Promise<boolean> {
  return (await open()) !== null;
}

export async function idbGet<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  if (!(await usable())) return memory.get(store)!.get(key) as T | undefined;
  return run<T | undefined>(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
}

export async function idbPut(store: StoreName, key: IDBValidKey, value: unknown): Promise<void> {
  if (!(await usable())) return void memory.get(store)!.set(key, value);
  await run(store, 'readwrite', (s) => s.put(value, key));
}

export async function idbDelete(store: StoreName, key: IDBValidKey): Promise<void> {
  if (!(await usable())) return void memory.get(store)!.delete(key);
  await run(store, 'readwrite', (s) => s.delete(key));
}

/** Every value of a store, in key order. */
export async function idbAll<T>(store: StoreName): Promise<T[]> {
  if (!(await usable())) return [...memory.get(store)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v as T);
  return run<T[]>(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>);
}

export async function idbClear(store: StoreName): Promise<void> {
  if (!(await usable())) return void memory.get(store)!.clear();
  await run(store, 'readwrite', (s) => s.clear());
}
