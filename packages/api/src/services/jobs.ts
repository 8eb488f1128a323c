import type { Db, DbOrTx, InStatement } from '@handled/db';
import { endJobRun, insertJob, insertJobsStatement, takeNextDueJob, type JobRow, type NewJobRow } from '../repositories/jobs.ts';
import { parseJobPayload, type JobPayload, type JobType } from './job-types.ts';

/** A job to write, typed by its registry entry: `payload` must be what `type` carries. */
export type JobSpec<T extends JobType = JobType> = {
  [K in T]: {
    type: K;
    payload: JobPayload<K>;
    /** Derived from what the job means to do, so writing it twice schedules it once. */
    key: string;
    runAt?: Date;
    maxAttempts?: number;
  };
}[T];

let written = 0;

/**
 * How many job writes this process has made so far: the server wakes its worker after a request
 * only when this grew (a write that rolled back counts too, which costs one idle look at the queue).
 */
export function jobsWritten(): number {
  return written;
}

/**
 * Writes a job in the caller's transaction (the transactional outbox). Duplicate keys are ignored.
 * The payload is checked against the registry first: a bad one throws, and the caller's
 * transaction writes nothing.
 */
export async function enqueue(tx: DbOrTx, spec: JobSpec, now: Date): Promise<void> {
  await insertJob(tx, jobRow(spec, now));
  written++;
}

function jobRow(spec: JobSpec, now: Date): NewJobRow {
  return {
    type: spec.type,
    payload: parseJobPayload(spec.type, spec.payload),
    idempotencyKey: spec.key,
    runAt: spec.runAt ?? now,
    maxAttempts: spec.maxAttempts ?? 8,
  };
}

/** Jobs as one statement built ahead of its transaction (see `enqueueStatement`), with how many it writes. */
export interface JobsStatement {
  statement: InStatement;
  count: number;
}

/**
 * The same jobs as one statement, built before the caller's write transaction and run inside it
 * (null when there are none). Payloads are checked now: a bad one throws before anything is written.
 * Nothing counts as written until the caller reports the commit (`jobsCommitted`): a request
 * refused under the lock wakes no worker.
 */
export function enqueueStatement(db: Db, specs: JobSpec[], now: Date): JobsStatement | null {
  if (specs.length === 0) return null;
  return {
    statement: insertJobsStatement(
      db,
      specs.map((s) => jobRow(s, now)),
    ),
    count: specs.length,
  };
}

/** Counts the jobs of a statement from `enqueueStatement` once its transaction has committed. */
export function jobsCommitted(jobs: JobsStatement | null): void {
  if (jobs) written += jobs.count;
}

export type ClaimedJob = JobRow;

/**
 * Claims the next due job with a lease. A job whose lease ran out (its worker died) is due again.
 * The claim is one write transaction, so two workers never hold the same job.
 */
export async function claimJob(db: Db, workerId: string, now: Date, leaseMs: number): Promise<ClaimedJob | null> {
  return takeNextDueJob(db, workerId, now, leaseMs);
}

export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 15 * 60_000);
}

export async function finishJob(db: Db, job: ClaimedJob, workerId: string): Promise<void> {
  await endJobRun(db, job.id, workerId, { status: 'done', lastError: null });
}

export async function failJob(db: Db, job: ClaimedJob, workerId: string, error: string, now: Date): Promise<void> {
  const dead = job.attempts >= job.maxAttempts;
  await endJobRun(db, job.id, workerId, {
    status: dead ? 'dead' : 'failed',
    lastError: error.slice(0, 2000),
    runAt: new Date(now.getTime() + backoffMs(job.attempts)),
  });
}
