import { createDeps, createLogger } from './deps.ts';
import { loadEnv } from './env.ts';
import { startServer } from './server.ts';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
const deps = await createDeps(env, log);
const server = await startServer(env, deps);
log.info({ url: server.url, sandbox: env.sandbox }, 'Handled API listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
