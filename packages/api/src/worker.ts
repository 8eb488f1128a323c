import { randomUUID } from 'node:crypto';
import { claimJob, failJob, finishJob } from './services/jobs.ts';
import type { ServiceDeps } from './services/deps.ts';
import { jobHandlers } from './services/job-handlers.ts';
import { isJobType, parseJobPayload, type JobHandlers, type JobType } from './services/job-types.ts';

// The job queue: what enqueues, what handles each type, and how long the message digest waits.
export { enqueue, type JobSpec } from './services/jobs.ts';
/** How many job writes this process has made: the server wakes its worker when it grows. */
export { jobsWritten } from './services/jobs.ts';
export { jobHandlers };
export type { JobHandler, JobHandlers, JobType } from './services/job-types.ts';
export { DIGEST_DELAY_MS } from './services/messages/digest.ts';
/** Today's reputation sweep (recency, free time, new weights): enqueued once per day by whoever starts a worker. */
export { scheduleDailySweep } from './services/reputation/recompute.ts';

export interface WorkerOptions {
  pollMs?: number;
  leaseMs?: number;
  handlers?: JobHandlers;
  workerId?: string;
}

/**
 * Claims due jobs by lease and runs them. Safe to run in several processes at once: claims are
 * write transactions and a crashed worker's lease simply runs out.
 */
export function createWorker(deps: ServiceDeps, opts: WorkerOptions = {}) {
  const workerId = opts.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const handlers = opts.handlers ?? jobHandlers;
  const pollMs = opts.pollMs ?? 500;
  const leaseMs = opts.leaseMs ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = true;

  /** Parses the stored payload for its type (a bad one throws, failing only this job) and runs the handler. */
  async function run<T extends JobType>(type: T, payload: unknown): Promise<void> {
    await handlers[type](deps, parseJobPayload(type, payload));
  }

  async function runOne(): Promise<boolean> {
    const job = await claimJob(deps.db, workerId, deps.now(), leaseMs);
    if (!job) return false;
    try {
      if (!isJobType(job.type)) throw new Error(`No handler for job type ${job.type}`);
      await run(job.type, job.payload);
      await finishJob(deps.db, job, workerId);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      deps.log.warn({ jobId: job.id, type: job.type, attempt: job.attempts, err: message }, 'job failed');
      await failJob(deps.db, job, workerId, message, deps.now());
    }
    return true;
  }

  /** Runs due jobs until none is left (tests and the kick after a request use it). */
  async function drain(max = 1000): Promise<number> {
    let n = 0;
    while (n < max && (await runOne())) n++;
    return n;
  }

  async function tick() {
    if (running || stopped) return;
    running = true;
    try {
      await drain(50);
    } catch (e) {
      deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'worker tick failed');
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(tick, pollMs);
    }
  }

  return {
    workerId,
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    /** Wakes the worker now instead of at its next poll. */
    kick() {
      if (stopped || running) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
