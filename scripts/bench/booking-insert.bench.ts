import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { requestBooking, slotsFor } from '@handled/api/bookings';
import { seed } from '@handled/db/seed';
import { providerCategories, providerProfiles, users } from '@handled/db/schema';
import { createDeps, createLogger, loadEnv } from '@handled/server';
import { type BenchModule } from './measure.ts';

const N = 150;

export const bookingInsertBench: BenchModule = {
  name: 'booking-insert',
  setup: `${N} booking requests (overlap check + insert + event + jobs in one write transaction) on a WAL file DB, seeded with 6 providers (seed 42); baseline: ${N} bare libSQL inserts of one row, same file settings`,
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'handled-bench-'));
    try {
      const env = loadEnv({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      const deps = await createDeps(env, createLogger('silent'));
      await seed(deps.db, { dataDir, now: deps.now(), providers: 6 });
      const [maya] = await deps.db.select().from(users).where(eq(users.email, 'maya@demo.handled.test'));
      const providers = await deps.db.select().from(providerProfiles);
      const plan: { providerId: string; categoryId: string; startsAt: string }[] = [];
      const now = deps.now();
      for (const p of providers) {
        const [cat] = await deps.db.select().from(providerCategories).where(eq(providerCategories.providerId, p.userId));
        if (!cat) continue;
        const slots = await slotsFor(deps.db, p, now, new Date(now.getTime() + 60 * 86_400_000), 60, now);
        // Every fourth slot keeps requests apart (buffers), so each one succeeds.
        for (let i = 0; i < slots.length && plan.length < N; i += 6) plan.push({ providerId: p.userId, categoryId: cat.categoryId, startsAt: slots[i]!.start.toISOString() });
      }
      let ok = 0;
      const t0 = performance.now();
      for (const item of plan) {
        await requestBooking(deps, maya!.id, { ...item, hours: 1, details: 'Benchmark: replace a washer', specialRequirements: '', address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' }, contactPhone: '+1 212 555 0100' }).then(() => ok++, () => undefined);
      }
      const bookingMs = (performance.now() - t0) / plan.length;
      deps.db.$client.close();

      const bare = createClient({ url: `file:${join(dataDir, 'bare.db')}` });
      await bare.execute('PRAGMA journal_mode = WAL');
      await bare.execute('PRAGMA synchronous = NORMAL');
      await bare.execute('create table t (id text primary key, provider text, starts integer, ends integer, body text)');
      const t1 = performance.now();
      for (let i = 0; i < plan.length; i++) await bare.execute({ sql: 'insert into t values (?, ?, ?, ?, ?)', args: [`b${i}`, 'p', i, i + 1, 'Benchmark: replace a washer'] });
      const bareMs = (performance.now() - t1) / plan.length;
      bare.close();
      return [
        { name: `booking request insert (${ok}/${plan.length} ok)`, value: bookingMs, unit: 'ms/booking', ratio: bookingMs / bareMs, baseline: `bare libSQL insert ${bareMs.toFixed(3)} ms` },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
