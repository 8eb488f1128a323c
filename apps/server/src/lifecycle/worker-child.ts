/**
 * A job worker in its own process, for the crash test: `tsx worker-child.ts <mode> <dataDir>
 * <emulatorsUrl> <leaseMs>`. In `crash-before` / `crash-after` mode it blocks inside the
 * `generate.receipt` job (before / after the real handler ran) and says so on stdout, so the
 * test can SIGKILL it mid-job. In `normal` mode it runs jobs as the server's worker does.
 */
import { jobHandlers, type JobHandler, createWorker } from '@handled/api/worker';
import { createDeps, createLogger } from '../deps.ts';
import { loadEnv } from '../env.ts';

const [mode = 'normal', dataDir = '', emulatorsUrl = '', leaseMs = '2000'] = process.argv.slice(2);
const env = loadEnv({ NODE_ENV: 'test', DATA_DIR: dataDir, EMULATORS_URL: emulatorsUrl, LOG_LEVEL: 'silent' });
const deps = await createDeps(env, createLogger('silent'));
const forever = () => new Promise<never>(() => {});
const receipt = jobHandlers['generate.receipt'];

const blocking: JobHandler<'generate.receipt'> = async (d, payload) => {
  if (mode === 'crash-before') {
    process.stdout.write(`running ${payload.eventId}\n`);
    await forever();
  }
  await receipt(d, payload);
  if (mode === 'crash-after') {
    process.stdout.write(`applied ${payload.eventId}\n`);
    await forever();
  }
};

const worker = createWorker(deps, {
  handlers: { ...jobHandlers, 'generate.receipt': blocking },
  leaseMs: Number(leaseMs),
  pollMs: 50,
  workerId: `child-${mode}-${process.pid}`,
});
worker.start();
process.stdout.write('ready\n');
