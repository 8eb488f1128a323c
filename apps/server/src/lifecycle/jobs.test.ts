import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, createWorker } from '@handled/api/worker';
import { createDb } from '@handled/db';
import { jobs } from '@handled/db/schema';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
beforeAll(async () => {
  // No worker in the server: the test drains its own.
  stack = await startTestStack({ seed: false, worker: false });
});
afterAll(() => stack?.close());

const jobByKey = async (key: string) => (await stack.deps.db.select().from(jobs).where(eq(jobs.idempotencyKey, key)))[0];

describe('typed jobs', () => {
  it('enqueue refuses a payload its type does not carry, and writes nothing', async () => {
    const now = stack.deps.now();
    await expect(
      stack.deps.db.transaction(async (tx) => {
        await enqueue(tx, { type: 'calendar.sync', payload: { providerId: 'p1' }, key: 'typed-jobs:good' }, now);
        await enqueue(
          tx,
          { type: 'payment.refund', payload: { bookingId: 'b1', eventId: 'e1', amount: -5, reason: 'x' }, key: 'typed-jobs:bad' },
          now,
        );
      }),
    ).rejects.toThrow(/Job payment\.refund has a bad payload[\s\S]*amount/);
    expect(await jobByKey('typed-jobs:good')).toBeUndefined();
    expect(await jobByKey('typed-jobs:bad')).toBeUndefined();
  });

  it('a stored row with a bad payload fails that job with a clear error; the worker runs the next one', async () => {
    const now = stack.deps.now();
    // As an older version might have written it: no startsAt.
    await stack.deps.db.insert(jobs).values({
      type: 'booking.reminder',
      payload: { bookingId: 'gone' },
      idempotencyKey: 'typed-jobs:old-row',
      runAt: new Date(now.getTime() - 1000),
    });
    await enqueue(stack.deps.db, { type: 'booking.expire', payload: { bookingId: 'no-such-booking' }, key: 'typed-jobs:next' }, now);
    const worker = createWorker(stack.deps);
    expect(await worker.drain()).toBe(2);
    const old = await jobByKey('typed-jobs:old-row');
    expect(old?.status).toBe('failed');
    expect(old?.lastError).toMatch(/Job booking\.reminder has a bad payload[\s\S]*startsAt/);
    expect((await jobByKey('typed-jobs:next'))?.status).toBe('done');
  });
});

describe('claiming jobs beside other writers', () => {
  it('with nothing due takes no write lock, so another process holding it does not hold the worker up; a due job waits for it', async () => {
    const worker = createWorker(stack.deps);
    await worker.drain();
    // Another process (its own connection to the file) holds the write lock.
    const other = createDb({ url: `file:${join(stack.dataDir, 'handled.db')}` }).$client;
    let held = await other.transaction('write');
    try {
      const started = Date.now();
      expect(await worker.drain()).toBe(0);
      // Without the lock-free look it would have waited for the lock (up to the busy timeout).
      expect(Date.now() - started).toBeLessThan(2000);
      // That process enqueues a due job, then takes the lock again: the claim waits for it.
      await held.execute(
        `insert into job (id, type, payload, idempotency_key, status, run_at, attempts, max_attempts, created_at, updated_at)
         values ('claim-beside', 'booking.expire', '{"bookingId":"none"}', 'claim-beside', 'pending', 0, 0, 8, 0, 0)`,
      );
      await held.commit();
      held = await other.transaction('write');
      let done = false;
      const drained = worker.drain().then((n) => ((done = true), n));
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await held.commit();
      expect(await drained).toBe(1);
      expect((await jobByKey('claim-beside'))?.status).toBe('done');
    } finally {
      held.close();
      other.close();
    }
  });
});
