import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '@handled/api/worker';
import { bookingEvents, bookings, jobs, receipts } from '@handled/db/schema';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const childScript = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const LEASE_MS = 2000;

let stack: TestStack;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // No worker in the server process: only the children run jobs here.
  stack = await startTestStack({ worker: false });
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => stack?.close());

/** Starts a worker process and resolves once it printed `line` (or a line starting with it). */
function startWorker(mode: 'normal' | 'crash-before' | 'crash-after', waitFor: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, mode, stack.dataDir, stack.emulatorsUrl, String(LEASE_MS)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const seen = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker (${mode}) never printed "${waitFor}": ${out} ${err}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').some((l) => l.startsWith(waitFor))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker (${mode}) exited with ${code}: ${err}`));
    });
  });
  return { child, seen };
}

async function kill(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** A seeded, confirmed completion and a fresh receipt job for it (as the machine would write). */
async function receiptJobForSeededBooking(skip: Set<string>) {
  const rows = await stack.deps.db
    .select({ bookingId: bookingEvents.bookingId, eventId: bookingEvents.id })
    .from(bookingEvents)
    .innerJoin(bookings, eq(bookings.id, bookingEvents.bookingId))
    .where(and(eq(bookingEvents.type, 'booking.completion_confirmed'), eq(bookings.status, 'completed')));
  const pick = rows.find((r) => !skip.has(r.bookingId));
  if (!pick) throw new Error('the seed has no confirmed completion');
  skip.add(pick.bookingId);
  const key = `generate_receipt:${pick.eventId}`;
  await enqueue(
    stack.deps.db,
    { type: 'generate.receipt', payload: { bookingId: pick.bookingId, eventId: pick.eventId }, key },
    stack.deps.now(),
  );
  const [job] = await stack.deps.db.select().from(jobs).where(eq(jobs.idempotencyKey, key));
  return { ...pick, jobId: job!.id };
}

async function outcome(bookingId: string, eventId: string, jobId: string) {
  const [job] = await stack.deps.db.select().from(jobs).where(eq(jobs.id, jobId));
  const rows = await stack.deps.db.select().from(receipts).where(eq(receipts.eventId, eventId));
  const [booking] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, bookingId));
  const mail = (await (await fetch(`${stack.emulatorsUrl}/_/mailbox/messages`)).json()) as { emails: { subject: string }[] };
  const dir = join(stack.dataDir, 'uploads', 'receipts', bookingId);
  return {
    job: job!,
    receipts: rows,
    emails: mail.emails.filter((e) => e.subject.includes(booking!.reference)).length,
    files: existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).length : 0,
  };
}

describe('a worker killed mid-job', () => {
  const used = new Set<string>();

  it('after the effect but before marking the job done: the next worker finishes it and nothing happens twice', async () => {
    const { bookingId, eventId, jobId } = await receiptJobForSeededBooking(used);
    const first = startWorker('crash-after', 'applied');
    await first.seen;
    const mid = await outcome(bookingId, eventId, jobId);
    expect(mid.job.status).toBe('running');
    expect(mid.job.lockedBy).toMatch(/^child-crash-after-/);
    expect([mid.receipts.length, mid.emails, mid.files]).toEqual([1, 1, 1]);
    await kill(first.child);

    const second = startWorker('normal', 'ready');
    await second.seen;
    const done = await eventually(async () => {
      const o = await outcome(bookingId, eventId, jobId);
      if (o.job.status !== 'done') throw new Error(`job is ${o.job.status}`);
      return o;
    }, 20_000);
    expect(done.job.attempts).toBe(2); // claimed again once the dead worker's lease ran out
    expect([done.receipts.length, done.emails, done.files]).toEqual([1, 1, 1]);
    expect(done.receipts[0]?.emailedAt).not.toBeNull();
  });

  it('before the effect: the next worker applies it exactly once', async () => {
    const { bookingId, eventId, jobId } = await receiptJobForSeededBooking(used);
    const first = startWorker('crash-before', 'running');
    await first.seen;
    await kill(first.child);
    const mid = await outcome(bookingId, eventId, jobId);
    expect(mid.job.status).toBe('running');
    expect([mid.receipts.length, mid.emails, mid.files]).toEqual([0, 0, 0]);

    const second = startWorker('normal', 'ready');
    await second.seen;
    const done = await eventually(async () => {
      const o = await outcome(bookingId, eventId, jobId);
      if (o.job.status !== 'done') throw new Error(`job is ${o.job.status}`);
      return o;
    }, 20_000);
    expect(done.job.attempts).toBe(2);
    expect([done.receipts.length, done.emails, done.files]).toEqual([1, 1, 1]);
    // The running worker has nothing left to do with it.
    await new Promise((r) => setTimeout(r, 500));
    expect((await outcome(bookingId, eventId, jobId)).receipts).toHaveLength(1);
  });
});
