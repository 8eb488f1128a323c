// What other packages start the API with: scripts (reconcile, benches) and @handled/testing's stack.
export { createDeps, createLogger } from './deps.ts';
export { loadEnv, type Env } from './env.ts';
export { startServer } from './server.ts';
