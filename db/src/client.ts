import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client, type InStatement, type InValue, type Transaction } from '@libsql/client';
import { ConnectionPool, Sqlite3Client } from '@libsql/client/sqlite3';
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

/**
 * What every connection to a file database runs when it opens. The settings are the connection's,
 * not the file's (only WAL, set once by prepareDb, stays in the file): foreign keys enforced;
 * `synchronous = NORMAL`, which in WAL mode syncs at checkpoints rather than at every commit (a
 * commit survives a crash of the process, the last ones may be lost to a power cut); and a busy
 * timeout so a writer waits for another process's lock instead of failing at once.
 */
export const connectionPragmas = ['PRAGMA foreign_keys = ON', 'PRAGMA synchronous = NORMAL', 'PRAGMA busy_timeout = 10000'];

/**
 * The client's connection pool, running `connectionPragmas` on each connection it opens. The pool
 * opens a new connection whenever all of its open ones are busy — a transaction holds one until it
 * ends — so pragmas run once on the client (as prepareDb used to) reached only the first connection.
 */
class PreparedConnections extends ConnectionPool {
  readonly #ready = new WeakSet<object>();
  override acquireSync(forTransaction?: boolean) {
    const conn = super.acquireSync(forTransaction);
    if (!this.#ready.has(conn)) {
      conn.exec(connectionPragmas.join('; '));
      this.#ready.add(conn);
    }
    return conn;
  }
}

/** `file:/path`, `file:///path` or `file:relative/path` → the path. */
function filePath(url: string): string {
  const rest = url.slice('file:'.length);
  if (rest.includes('?') || rest.includes('#')) throw new Error(`A database URL with parameters is not supported: ${url}`);
  return decodeURIComponent(rest.startsWith('//') ? rest.slice(2) : rest);
}

/** A libSQL client on a file: the same client `createClient` makes, over a pool that sets up every connection. */
function fileClient(path: string): Client {
  // 20 connections, @libsql/client's default; integers as numbers, its default intMode.
  const pool = new PreparedConnections(path, { timeout: 15_000 }, 20);
  pool.release(pool.acquireSync());
  return new Sqlite3Client(pool, 'number');
}

export function createDb({ url, authToken }: DbOptions): Db {
  // Other processes' writers wait on the lock through the busy timeout; this process's writers
  // take turns (see serializeWrites).
  const file = url.startsWith('file:');
  if (file) mkdirSync(dirname(filePath(url)), { recursive: true });
  const raw = file ? fileClient(filePath(url)) : createClient({ url, ...(authToken ? { authToken } : {}) });
  // The hot reads' own connection opens on first use (after prepareDb has migrated the file).
  let reads: HotReads | null = null;
  const hotReads = (): HotReads => (reads ??= file ? fileHotReads(filePath(url)) : clientHotReads(raw));
  const lock = file ? fileLockProbe(filePath(url)) : null;
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
 * Applies migrations and puts a file database in WAL mode (kept in the file), so readers don't
 * block the writer; every connection's own settings come from `connectionPragmas`.
 */
export async function prepareDb(db: Db): Promise<void> {
  if (db.$client.protocol === 'file') await db.$client.execute('PRAGMA journal_mode = WAL');
  else await db.$client.execute('PRAGMA foreign_keys = ON');
  await migrate(db, { migrationsFolder });
}

/**
 * A drizzle prepared query (one whose SQL is built once, with `sql.placeholder`s for its inputs),
 * kept per database handle: building the SQL of a wide select takes longer than running it. A
 * transaction's handle builds its own, used for that transaction only.
 */
export function preparedPerHandle<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const built = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) built.set(db, (query = build(db)));
    return query;
  };
}

/** A drizzle query as the statement it would run (its SQL built now, its values as the driver takes them). */
export function statementOf(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InValue[] };
}

/**
 * A write transaction for a critical section whose statements were built before it (see
 * `statementOf`): under the write lock only native calls run, so no process waits on this one
 * building SQL or mapping rows. `run` gets libSQL's transaction; it commits when `run` resolves and
 * rolls back when it throws.
 */
export async function writeTransaction<T>(db: Db, run: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = await db.$client.transaction('write');
  try {
    const out = await run(tx);
    await tx.commit();
    return out;
  } catch (e) {
    await tx.rollback();
    throw e;
  } finally {
    tx.close();
  }
}
