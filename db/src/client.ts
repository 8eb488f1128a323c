import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema/index.ts';
import { clientHotReads, fileHotReads, fileLockProbe, type HotReads } from './hot-reads.ts';
import { serializeWrites } from './serialize-writes.ts';

export type Schema = typeof schema;
/** `$reads`: prepared, reused statements for the hottest reads (see hot-reads.ts); closed with `$client`. */
export type Db = LibSQLDatabase<Schema> & { $client: Client; $reads: HotReads };
/** The handle a repository receives inside `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export interface DbOptions {
  /** `file:/path/to.db`, `:memory:`, or a libsql:// / http:// URL of sqld or Turso. */
  url: string;
  authToken?: string;
}

export function createDb({ url, authToken }: DbOptions): Db {
  if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
  // Other processes' writers wait on the lock through the busy timeout; this process's writers
  // take turns (see serializeWrites).
  const file = url.startsWith('file:');
  const raw = createClient({ url, ...(authToken ? { authToken } : {}), ...(file ? { timeout: 15_000 } : {}) });
  // The hot reads' own connection opens on first use (after prepareDb has migrated the file).
  let reads: HotReads | null = null;
  const hotReads = (): HotReads => (reads ??= file ? fileHotReads(url.slice('file:'.length)) : clientHotReads(raw));
  const lock = file ? fileLockProbe(url.slice('file:'.length)) : null;
  const closeReads = () => {
    reads?.close();
    reads = null;
    lock?.close();
  };
  const client = file ? serializeWrites(raw, closeReads, lock?.probe) : raw;
  const db = drizzle(client, { schema, casing: 'snake_case' }) as Db;
  Object.defineProperty(db, '$reads', { get: hotReads });
  return db;
}

/**
 * Applies migrations and the pragmas a file database needs for many processes: WAL so readers
 * don't block the writer, and a busy timeout so concurrent writers wait instead of failing.
 */
export async function prepareDb(db: Db): Promise<void> {
  if (db.$client.protocol === 'file') {
    await db.$client.execute('PRAGMA journal_mode = WAL');
    await db.$client.execute('PRAGMA busy_timeout = 10000');
    await db.$client.execute('PRAGMA synchronous = NORMAL');
  }
  await db.$client.execute('PRAGMA foreign_keys = ON');
  await migrate(db, { migrationsFolder });
}
