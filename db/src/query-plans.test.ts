import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, prepareDb, type Db } from './client.ts';
import { notifications, pushSubscriptions } from './schema/index.ts';

/**
 * The lookups every notification delivery makes read one person's rows through an index, not the
 * whole table (nor every notification the person ever had): the migrated schema's plans say so.
 */
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'handled-plans-'));
  db = createDb({ url: `file:${join(dir, 'p.db')}` });
  await prepareDb(db);
});
afterAll(() => {
  db?.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const q = query.toSQL();
  const plan = await db.$client.execute({ sql: `explain query plan ${q.sql}`, args: q.params as never[] });
  return plan.rows.map((r) => String(r['detail'])).join('\n');
}

describe('delivery lookups', () => {
  it('finds whether a message already went out on a channel by its whole key', async () => {
    const plan = await planOf(
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, 'u'), eq(notifications.template, 'b:booking.requested:1'), eq(notifications.channel, 'email')))
        .limit(1),
    );
    expect(plan).toMatch(/notification_key_idx \(user_id=\? AND template=\? AND channel=\?\)/);
  });

  it("reads a person's devices by the person", async () => {
    const plan = await planOf(db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, 'u')));
    expect(plan).toMatch(/USING INDEX push_user_idx/);
    expect(plan).not.toMatch(/SCAN/);
  });
});
