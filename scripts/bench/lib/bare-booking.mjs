// The contention baseline: one of several processes claiming the same intervals on one libSQL file
// with the bare minimum a booking needs — BEGIN IMMEDIATE; is anything overlapping?; insert;
// COMMIT — through @libsql/client, the client the API uses, with the API's file settings.
// Argument: {"url","slots":[[provider,start,end]...],"startAt","defaults"?}; prints {"attempts","won","ms"}.
import { createClient } from '@libsql/client';

const spec = JSON.parse(process.argv[2] ?? '{}');
const db = createClient({ url: spec.url, timeout: 15_000 });
await db.execute('PRAGMA busy_timeout = 10000');
// `defaults`: libSQL as it comes (rollback journal, synchronous = FULL), for comparison only.
if (!spec.defaults) await db.execute('PRAGMA synchronous = NORMAL');
await db.execute('select count(*) from bare_booking');
await new Promise((r) => setTimeout(r, Math.max(0, spec.startAt - Date.now())));

let won = 0;
const t0 = performance.now();
for (const [provider, start, end] of spec.slots) {
  const tx = await db.transaction('write');
  try {
    const clash = await tx.execute({
      sql: 'select 1 from bare_booking where provider_id = ? and block_start < ? and block_end > ? limit 1',
      args: [provider, end, start],
    });
    if (clash.rows.length === 0) {
      await tx.execute({
        sql: 'insert into bare_booking (id, provider_id, block_start, block_end, details) values (?, ?, ?, ?, ?)',
        args: [crypto.randomUUID(), provider, start, end, 'Benchmark: replace a washer'],
      });
      won++;
    }
    await tx.commit();
  } finally {
    tx.close();
  }
}
process.stdout.write(JSON.stringify({ attempts: spec.slots.length, won, ms: performance.now() - t0 }) + '\n');
db.close();
