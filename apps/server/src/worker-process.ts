import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { createWorker, scheduleDailySweep } from '@handled/api/worker';
import type { ServiceDeps } from '@handled/api';
import type { Env } from './env.ts';
import { WORKER_ARG } from './worker-arg.ts';

/** What the API tells its worker process: jobs were just written, look now rather than at the next poll. */
const KICK = 'kick';

type Log = ServiceDeps['log'];

/**
 * The worker side: runs the job queue (claims by lease, so it may share the file with other
 * workers) at a lower CPU priority than the API, so a burst of requests is answered first and its
 * notifications follow as soon as a core is free; an idle machine runs them at once. It stops when
 * the API goes away (the IPC channel closes) or on SIGTERM / SIGINT, after the job in hand.
 */
export async function runWorkerProcess(env: Env, deps: ServiceDeps): Promise<void> {
  try {
    setPriority(env.JOB_WORKER_NICE);
  } catch (e) {
    deps.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'job worker: could not lower its priority');
  }
  const worker = createWorker(deps, { pollMs: env.JOB_POLL_MS });
  await scheduleDailySweep(deps);
  worker.start();
  process.on('message', (m) => {
    if (m === KICK) worker.kick();
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void worker.stop().then(() => process.exit(0));
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  deps.log.info({ pid: process.pid, nice: env.JOB_WORKER_NICE }, 'job worker running');
}

/**
 * The API side: starts this entry point again as the job worker (same Node flags, so under tsx
 * too), wakes it after writes that enqueued jobs (at most once per event-loop turn), and starts it
 * again if it dies, with a growing pause while it keeps dying.
 */
export function forkWorkerProcess(
  log: Log,
  entry = process.argv[1] ?? '',
): { kick(): void; pid(): number | undefined; stop(): Promise<void> } {
  let child: ChildProcess | null = null;
  let stopped = false;
  let kickQueued = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | null = null;

  const start = () => {
    const startedAt = Date.now();
    const c = fork(entry, [WORKER_ARG], { stdio: 'inherit' });
    child = c;
    c.on('error', (e) => log.error({ err: e.message }, 'job worker process error'));
    c.on('exit', (code, signal) => {
      if (child === c) child = null;
      if (stopped) return;
      // A worker that ran a while had a one-off failure; one that keeps dying at once waits longer each time.
      restarts = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
      const pauseMs = Math.min(30_000, 250 * 2 ** Math.min(restarts, 7));
      log.error({ code, signal, restartInMs: pauseMs }, 'job worker process exited; starting it again');
      restartTimer = setTimeout(start, pauseMs);
    });
  };
  start();

  return {
    kick() {
      if (kickQueued) return;
      kickQueued = true;
      setImmediate(() => {
        kickQueued = false;
        if (child?.connected) child.send(KICK);
      });
    },
    pid: () => child?.pid,
    async stop() {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      // Closing the channel asks it to finish the job in hand and exit; a stuck one is killed.
      if (c.connected) c.disconnect();
      else c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
