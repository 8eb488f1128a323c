import Database from 'libsql';
import type { Client, InValue } from '@libsql/client';

/** A value bound to a `?` in a hot read. */
export type SqlArg = string | number | null;

/**
 * Reads on the paths hit most (a provider's free slots, search cards). For a file database they run
 * on one read-only connection of their own with each statement prepared once and kept: @libsql/client
 * prepares every statement afresh, reads every integer as a BigInt and builds an object per row,
 * which drizzle then maps again. Here a row is an array of column values in select order, integers
 * are plain numbers (instants are epoch milliseconds; mind that numbers above 2^53 would lose
 * precision, and no column read here holds one), and nothing is mapped.
 *
 * WAL lets this connection read while another (this process's client, or another process) writes;
 * every statement sees the latest committed state when it starts. Other databases (sqld, Turso) get
 * the same interface over the client.
 */
export interface HotReads {
  all(sql: string, args: readonly SqlArg[]): Promise<unknown[][]>;
  /** The first row, or undefined. */
  get(sql: string, args: readonly SqlArg[]): Promise<unknown[] | undefined>;
  close(): void;
}

interface RawStatement {
  raw(toggle?: boolean): RawStatement;
  all(args: readonly SqlArg[]): unknown[][];
  get(args: readonly SqlArg[]): unknown[] | undefined;
}

interface RawDatabase {
  prepare(sql: string): RawStatement;
  exec(sql: string): void;
  close(): void;
}

const MAX_STATEMENTS = 200;

export function fileHotReads(path: string): HotReads {
  const db = new Database(path, { timeout: 15_000 }) as unknown as RawDatabase;
  db.exec('PRAGMA query_only = 1');
  const statements = new Map<string, RawStatement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      // A bounded cache: the hot reads are a handful of fixed texts; anything else just re-prepares.
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      s = db.prepare(sql).raw(true);
      statements.set(sql, s);
    }
    return s;
  };
  return {
    all: (sql, args) => {
      try {
        return Promise.resolve(prepared(sql).all(args));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    get: (sql, args) => {
      try {
        return Promise.resolve(prepared(sql).get(args));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    close: () => {
      statements.clear();
      db.close();
    },
  };
}

/** The same interface over a remote client (sqld, Turso): no statement reuse, rows as arrays. */
export function clientHotReads(client: Client): HotReads {
  const all = async (sql: string, args: readonly SqlArg[]) => {
    const rs = await client.execute({ sql, args: args as InValue[] });
    return rs.rows.map((row) => Array.from(row, (v) => (typeof v === 'bigint' ? Number(v) : v)));
  };
  return {
    all,
    get: async (sql, args) => (await all(sql, args))[0],
    close: () => {},
  };
}

/**
 * A look at the write lock of a file database from a connection of its own: `BEGIN IMMEDIATE;
 * ROLLBACK` with no busy timeout succeeds at once when no process holds the lock and fails at once
 * (SQLITE_BUSY) when one does. Run as one batch, the failed statement is finalized on the spot, so
 * the probe never leaves a half-run statement behind (a failed step of a kept statement would).
 */
export function fileLockProbe(path: string): { probe: () => boolean; close(): void } {
  let db: RawDatabase | null = null;
  return {
    probe: () => {
      db ??= new Database(path) as unknown as RawDatabase;
      try {
        db.exec('BEGIN IMMEDIATE; ROLLBACK');
        return true;
      } catch (e) {
        if ((e as { code?: unknown }).code === 'SQLITE_BUSY') return false;
        throw e;
      }
    },
    close: () => {
      db?.close();
      db = null;
    },
  };
}
