import { createDeps, createLogger } from './deps.ts';
import { loadEnv } from './env.ts';
import { WORKER_ARG } from './worker-arg.ts';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const deps = await createDeps(env, log);

// The API's modules (Hono, tRPC, auth) load only in the API: the worker process leaves them out.
if (process.argv.includes(WORKER_ARG)) {
  // This entry point started again by the API as its job worker (see worker-process.ts).
  const { runWorkerProcess } = await import('./worker-process.ts');
  await runWorkerProcess(env, deps);
} else {
  const [{ startServer }, { forkWorkerProcess }] = await Promise.all([import('./server.ts'), import('./worker-process.ts')]);
  const worker = env.JOB_WORKER === 'process' ? forkWorkerProcess(log) : null;
  const server = await startServer(env, deps, {
    worker: env.JOB_WORKER === 'in-process',
    ...(worker ? { onJobsWritten: () => worker.kick() } : {}),
  });
  log.info({ url: server.url, sandbox: env.sandbox, jobWorker: env.JOB_WORKER, workerPid: worker?.pid() }, 'Handled API listening');

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void Promise.all([server.close(), worker?.stop()]).then(() => process.exit(0));
    });
  }
}
