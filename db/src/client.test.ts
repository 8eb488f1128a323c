import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, prepareDb } from './client.ts';

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
});
