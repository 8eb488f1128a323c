/** The argument that makes the API's entry point (main.ts) run as its job worker (worker-process.ts). */
export const WORKER_ARG = '--job-worker';
