import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createWorker, scheduleDailySweep } from '@handled/api/worker';
import type { ServiceDeps } from '@handled/api';
import { createApp } from './app.ts';
import { createAuth } from './auth.ts';
import { nodePublicReads } from './routes/public-reads.ts';
import type { Env } from './env.ts';

/** The packaged Electron app serves its renderer from this origin. */
export const DESK_APP_ORIGIN = 'handled-desk://app';

/**
 * Starts the HTTP server and, unless `worker` is false, the job worker in this process; returns how
 * to stop both. With the worker elsewhere, `onJobsWritten` is how a write that enqueued jobs wakes it.
 */
export async function startServer(env: Env, deps: ServiceDeps, opts: { worker?: boolean; onJobsWritten?: () => void } = {}) {
  const auth = createAuth({
    db: deps.db,
    secret: env.AUTH_SECRET,
    baseURL: env.PUBLIC_API_URL,
    trustedOrigins: [env.WEB_URL, env.DESK_URL, env.PUBLIC_API_URL, DESK_APP_ORIGIN],
    signUpsPerAddressPerHour: env.SIGNUP_MAX_PER_ADDRESS_PER_HOUR,
    log: deps.log,
    email: deps.email,
    webUrl: env.WEB_URL,
  });
  const worker = createWorker(deps, { pollMs: env.JOB_POLL_MS });
  const inProcess = opts.worker !== false;
  const app = createApp({
    deps,
    auth,
    dataDir: env.DATA_DIR,
    allowedOrigins: [env.WEB_URL, env.DESK_URL, DESK_APP_ORIGIN],
    siteProxySecret: env.SITE_PROXY_SECRET,
    signInLimits: {
      perAccount: env.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: env.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: env.SIGNIN_WINDOW_MINUTES,
    },
    hsts: env.NODE_ENV === 'production',
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
    botSecret: env.BOT_SERVICE_SECRET,
    maxUploadBytes: env.UPLOAD_MAX_MB * 1024 * 1024,
    onJobsWritten: inProcess ? () => worker.kick() : (opts.onJobsWritten ?? (() => {})),
    resendWebhookSecret: env.RESEND_WEBHOOK_SECRET,
    publicApiUrl: env.PUBLIC_API_URL,
  });
  if (inProcess) {
    // Reputation (recency, free time) is swept once a day; the first worker up each day asks for it.
    await scheduleDailySweep(deps);
    worker.start();
  }
  // The public reads hit most answer on Node's request and response; everything else goes to the app.
  const appListener = getRequestListener(app.fetch, { hostname: env.HOST });
  const publicReads = nodePublicReads(app.publicReads);
  const server = createServer((req, res) => publicReads(req, res, appListener));
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return {
    app,
    auth,
    worker,
    url: `http://${env.HOST}:${port}`,
    async close() {
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
