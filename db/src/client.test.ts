import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connectionPragmas, createDb, prepareDb, preparedPerHandle } from './client.ts';

describe('database', () => {
  it('migrates a fresh file database with foreign keys and WAL on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handled-db-'));
    const db = createDb({ url: `file:${join(dir, 'test.db')}` });
    await prepareDb(db);
    const tables = await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`);
    const names = tables.map((t) => t.name);
    for (const t of ['user', 'session', 'booking', 'booking_event', 'invoice', 'ledger_entry', 'job', 'webhook_event', 'review']) {
      expect(names).toContain(t);
    }
    const mode = await db.get<{ journal_mode: string }>(sql`pragma journal_mode`);
    expect(mode?.journal_mode).toBe('wal');
    await expect(
      db.run(sql`insert into session (id, expires_at, token, user_id, created_at, updated_at) values ('s', 0, 't', 'nobody', 0, 0)`),
    ).rejects.toSatisfy((e: unknown) => /FOREIGN KEY/.test(String((e as Error).cause)));
    // Applying migrations twice is a no-op.
    await prepareDb(db);
    db.$client.close();
  });

  it('sets up every pooled connection, also one opened while a transaction holds another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handled-db-'));
    const db = createDb({ url: `file:${join(dir, 'test.db')}` });
    await prepareDb(db);
    const settings = async (run: (sql: string) => Promise<{ rows: unknown[][] }>) => ({
      foreignKeys: Number((await run('PRAGMA foreign_keys')).rows[0]?.[0]),
      synchronous: Number((await run('PRAGMA synchronous')).rows[0]?.[0]),
      busyTimeout: Number((await run('PRAGMA busy_timeout')).rows[0]?.[0]),
    });
    const rows = (rs: { rows: ArrayLike<unknown>[] }) => ({ rows: rs.rows.map((r) => Array.from(r)) });
    const expected = { foreignKeys: 1, synchronous: 1, busyTimeout: 10_000 };
    expect(connectionPragmas).toContain('PRAGMA synchronous = NORMAL');
    // Two transactions hold two connections (one of them the first the pool opened), so a third is opened for the reads.
    const a = await db.$client.transaction('read');
    const b = await db.$client.transaction('read');
    expect(await settings(async (q) => rows(await a.execute(q)))).toEqual(expected);
    expect(await settings(async (q) => rows(await b.execute(q)))).toEqual(expected);
    expect(await settings(async (q) => rows(await db.$client.execute(q)))).toEqual(expected);
    // And a foreign key is enforced on a connection opened while a write transaction runs.
    const tx = await db.$client.transaction('write');
    await tx.execute(`insert into user (id, name, email, email_verified, created_at, updated_at) values ('u', 'U', 'u@x.test', 0, 0, 0)`);
    const c = await db.$client.transaction('read');
    expect(await settings(async (q) => rows(await c.execute(q)))).toEqual(expected);
    c.close();
    await tx.commit();
    a.close();
    b.close();
    await expect(
      db.$client.execute(
        `insert into session (id, expires_at, token, user_id, created_at, updated_at) values ('s2', 0, 't2', 'nobody', 0, 0)`,
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    db.$client.close();
  });
});

/**
 * patches/@libsql__client@0.18.0.patch: the client reads a statement's result columns once per
 * connection and statement text. What it keeps must never outlive the schema it describes.
 */
describe('result columns kept per connection and statement text', () => {
  const fresh = () => createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'handled-db-')), 'cols.db')}` });

  it('never carries one database’s columns to another with the same statement text', async () => {
    const [a, b] = [fresh(), fresh()];
    await a.execute('create table t (v integer, w text)');
    await b.execute('create table t (v text, x integer)');
    await a.execute("insert into t values (1, 'one')");
    await b.execute("insert into t values ('uno', 2)");
    for (let i = 0; i < 3; i++) {
      const ra = await a.execute('select v from t');
      const rb = await b.execute('select v from t');
      expect(ra.columnTypes).toEqual(['INTEGER']);
      expect(rb.columnTypes).toEqual(['TEXT']);
      expect(ra.rows[0]?.['v']).toBe(1);
      expect(rb.rows[0]?.['v']).toBe('uno');
    }
    a.close();
    b.close();
  });

  it('reads them again after a schema change on the connection, and never keeps them for * selects', async () => {
    const db = fresh();
    await db.execute('create table t (v integer)');
    expect((await db.execute('select v as value from t')).columnTypes).toEqual(['INTEGER']);
    expect((await db.execute('select * from t')).columns).toEqual(['v']);
    await db.execute('drop table t');
    await db.execute('create table t (v text, w integer)');
    await db.execute("insert into t values ('a', 1)");
    const again = await db.execute('select v as value from t');
    expect(again.columnTypes).toEqual(['TEXT']);
    expect(again.rows[0]?.['value']).toBe('a');
    // Same text, new columns: a * select follows the table.
    const star = await db.execute('select * from t');
    expect(star.columns).toEqual(['v', 'w']);
    expect(star.rows[0]?.['w']).toBe(1);
    await db.executeMultiple('alter table t add column z text; update t set z = $$zed$$;'.replaceAll('$$', "'"));
    expect((await db.execute('select * from t')).columns).toEqual(['v', 'w', 'z']);
    db.close();
  });
});

/**
 * patches/@libsql__client@0.18.0.patch: a connection keeps its compiled data statements per text.
 * A kept statement must hold no read snapshot between runs, bind each run's own arguments, and
 * never be used again after it failed or the schema changed.
 */
describe('compiled statements kept per connection', () => {
  const path = () => join(mkdtempSync(join(tmpdir(), 'handled-db-')), 'kept.db');

  it('binds each run afresh and sees what another process committed in between', async () => {
    const file = path();
    const [a, b] = [createClient({ url: `file:${file}` }), createClient({ url: `file:${file}` })];
    await a.execute('PRAGMA journal_mode = WAL');
    await a.execute('create table t (id integer primary key, v text not null unique)');
    const insert = 'insert into t (v) values (?) returning id, v';
    const list = 'select v from t where id > ? order by id';
    expect((await a.execute({ sql: insert, args: ['x'] })).rows.map((r) => r['v'])).toEqual(['x']);
    expect((await a.execute({ sql: insert, args: ['y'] })).rows.map((r) => r['v'])).toEqual(['y']);
    expect((await a.execute({ sql: list, args: [0] })).rows.map((r) => r['v'])).toEqual(['x', 'y']);
    expect((await a.execute({ sql: list, args: [1] })).rows.map((r) => r['v'])).toEqual(['y']);
    // Another connection (as another process would) writes: the kept select sees it…
    await b.execute("insert into t (v) values ('from b')");
    expect((await a.execute({ sql: list, args: [0] })).rows.map((r) => r['v'])).toEqual(['x', 'y', 'from b']);
    // …and neither connection is left holding an old snapshot: both can take the write lock in turn.
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const tx = await me.transaction('write');
      await tx.execute({ sql: insert, args: [`tx ${me === a ? 'a' : 'b'}`] });
      await tx.commit();
      expect((await other.execute({ sql: list, args: [0] })).rows.length).toBeGreaterThan(3);
    }
    expect((await b.execute({ sql: list, args: [0] })).rows.map((r) => r['v'])).toEqual(['x', 'y', 'from b', 'tx a', 'tx b']);
    a.close();
    b.close();
  });

  it('runs a statement text again after it failed, and follows a schema change', async () => {
    const db = createClient({ url: `file:${path()}` });
    await db.execute('create table t (id integer primary key, v text not null unique)');
    const insert = 'insert into t (v) values (?)';
    await db.execute({ sql: insert, args: ['a'] });
    await expect(db.execute({ sql: insert, args: ['a'] })).rejects.toThrow(/UNIQUE/);
    expect((await db.execute({ sql: insert, args: ['b'] })).rowsAffected).toBe(1);
    // Inside a transaction that rolls back, then outside it: the same texts, the right answers.
    const tx = await db.transaction('write');
    await tx.execute({ sql: insert, args: ['c'] });
    await tx.rollback();
    expect((await db.execute('select v from t order by v')).rows.map((r) => r['v'])).toEqual(['a', 'b']);
    await db.execute('alter table t add column w integer not null default 7');
    const read = 'select * from t where v = ?';
    expect((await db.execute({ sql: read, args: ['a'] })).rows[0]?.['w']).toBe(7);
    await db.execute('drop table t');
    await db.execute('create table t (v text, w text)');
    await db.execute("insert into t values ('a', 'seven')");
    expect((await db.execute({ sql: read, args: ['a'] })).rows[0]?.['w']).toBe('seven');
    await expect(db.execute({ sql: insert, args: ['z'] })).resolves.toBeTruthy();
    db.close();
  });
});

describe('prepared queries kept per database handle', () => {
  it('builds once per handle, and a transaction’s own query sees its uncommitted writes', async () => {
    const db = createDb({ url: `file:${join(mkdtempSync(join(tmpdir(), 'handled-db-')), 'prep.db')}` });
    await prepareDb(db);
    await db.run(sql`create table note (id text primary key, body text not null)`);
    let builds = 0;
    const noteQuery = preparedPerHandle((h) => {
      builds++;
      return h
        .select({ body: sql<string>`body` })
        .from(sql`note`)
        .where(sql`id = ${sql.placeholder('id')}`)
        .prepare();
    });
    expect(noteQuery(db)).toBe(noteQuery(db));
    expect(builds).toBe(1);
    await db.transaction(async (tx) => {
      await tx.run(sql`insert into note (id, body) values ('n1', 'inside')`);
      expect(await noteQuery(tx).all({ id: 'n1' })).toEqual([{ body: 'inside' }]);
      expect(builds).toBe(2);
      // The root handle's query runs on another connection: nothing committed yet.
      expect(await noteQuery(db).all({ id: 'n1' })).toEqual([]);
    });
    expect(await noteQuery(db).all({ id: 'n1' })).toEqual([{ body: 'inside' }]);
    expect(builds).toBe(2);
    db.$client.close();
  });
});
