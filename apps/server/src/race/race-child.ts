/**
 * One contender in the multi-process race: opens the shared database file, waits for the common
 * start instant (the barrier), makes its one claim and prints the outcome as a JSON line.
 */
import { acceptChange, requestBooking } from '@handled/api/bookings';
import type { SessionUser } from '@handled/api';
import { isDomainError } from '@handled/core/errors';
import { createDeps, createLogger } from '../deps.ts';
import { loadEnv } from '../env.ts';

interface Task {
  databaseUrl: string;
  dataDir: string;
  kind: 'request' | 'accept_change';
  clientId?: string;
  providerId?: string;
  categoryId?: string;
  startsAt?: string;
  provider?: SessionUser;
  bookingId?: string;
}

const task = JSON.parse(process.argv[2] ?? '{}') as Task;
const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: task.databaseUrl, DATA_DIR: task.dataDir, LOG_LEVEL: 'silent' });
const deps = await createDeps(env, createLogger('silent'));
// Warm up (connection, prepared schema) before the barrier so the race is about the claim.
await deps.db.$client.execute('select count(*) from booking');
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
// The barrier: the parent says "go" once every contender is ready; all then wait for the same instant.
const startAt = await new Promise<number>((resolve) => process.stdin.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));

let outcome: Record<string, unknown>;
try {
  if (task.kind === 'request') {
    const b = await requestBooking(deps, task.clientId ?? '', {
      providerId: task.providerId ?? '',
      categoryId: task.categoryId ?? '',
      startsAt: task.startsAt ?? '',
      hours: 2,
      details: 'Race test: fix the leaking kitchen tap',
      specialRequirements: '',
      address: { line1: '350 W 42nd St', city: 'New York', region: 'NY', postalCode: '10036', country: 'US' },
      contactPhone: '+1 212 555 0188',
    });
    outcome = { ok: true, id: b.id, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() };
  } else {
    const r = await acceptChange(deps, task.provider as SessionUser, { id: task.bookingId ?? '' });
    outcome = { ok: true, id: r.bookingId };
  }
} catch (e) {
  outcome = isDomainError(e)
    ? { ok: false, code: e.code, message: e.message }
    : { ok: false, code: 'CRASH', message: e instanceof Error ? e.message : String(e) };
}
process.stdout.write(JSON.stringify(outcome) + '\n');
deps.db.$client.close();
process.exit(0);
