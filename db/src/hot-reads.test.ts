import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, prepareDb, type Db } from './client.ts';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'handled-hot-'));
  db = createDb({ url: `file:${join(dir, 'h.db')}` });
  await prepareDb(db);
});
afterAll(() => {
  db?.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('db.$reads', () => {
  it('returns rows as arrays with integers as plain numbers (epoch ms included)', async () => {
    await db.$client.execute(`insert into availability_version (provider_id, version) values ('a', 7), ('b', 1796300000000)`);
    const rows = await db.$reads.all('select provider_id, version from availability_version order by provider_id', []);
    expect(rows).toEqual([
      ['a', 7],
      ['b', 1796300000000],
    ]);
    expect(typeof rows[0]![1]).toBe('number');
    expect(await db.$reads.get('select version from availability_version where provider_id = ?1', ['zzz'])).toBeUndefined();
  });

  it('sees what the client commits afterwards, with the same statement reused', async () => {
    const sql = 'select version from availability_version where provider_id = ?1';
    expect(await db.$reads.get(sql, ['a'])).toEqual([7]);
    await db.$client.execute(`update availability_version set version = 8 where provider_id = 'a'`);
    expect(await db.$reads.get(sql, ['a'])).toEqual([8]);
    // A second database handle (another process would do the same) writes; this one sees it.
    const other = createDb({ url: `file:${join(dir, 'h.db')}` });
    await other.$client.execute(`update availability_version set version = 9 where provider_id = 'a'`);
    other.$client.close();
    expect(await db.$reads.get(sql, ['a'])).toEqual([9]);
  });

  it('only reads', async () => {
    await expect(db.$reads.all(`delete from availability_version`, [])).rejects.toThrow();
  });
});
