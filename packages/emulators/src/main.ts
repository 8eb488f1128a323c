import { join } from 'node:path';
import { readEnv } from './env.ts';
import { startEmulators } from './index.ts';

/** `pnpm --filter @handled/emulators start`: every emulator on one port, configured from the environment. */
const env = readEnv();
const running = await startEmulators({
  port: env.EMULATORS_PORT,
  host: env.EMULATORS_HOST,
  ...(env.EMULATORS_PUBLIC_URL ? { publicUrl: env.EMULATORS_PUBLIC_URL } : {}),
  ...(env.DATA_DIR ? { dataFile: join(env.DATA_DIR, 'emulators.json') } : {}),
  stripe: {
    webhookEndpoints:
      env.STRIPE_WEBHOOK_URL && env.STRIPE_WEBHOOK_SECRET
        ? [
            { url: env.STRIPE_WEBHOOK_URL, secret: env.STRIPE_WEBHOOK_SECRET },
            // Connected-account events (onboarding: account.updated, capability.updated) go to a Connect endpoint.
            { url: env.STRIPE_WEBHOOK_URL, secret: env.STRIPE_WEBHOOK_SECRET, connect: true },
          ]
        : [],
  },
  resend: { webhooks: env.RESEND_WEBHOOK_URL ? [{ url: env.RESEND_WEBHOOK_URL, secret: env.RESEND_WEBHOOK_SECRET }] : [] },
});
console.log(`emulators listening on ${running.url} (pages: ${running.url}/_/)`);

const shutdown = async () => {
  await running.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
