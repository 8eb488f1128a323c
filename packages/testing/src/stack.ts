import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '@handled/client';
import { startEmulators } from '@handled/emulators';
import { seed } from '@handled/db/seed';
import { createDeps, createLogger, loadEnv, startServer } from '@handled/server';
import { freePort } from './ports.ts';

export const DEMO_PASSWORD = 'demo-pass-2026';

export interface TestStackOptions {
  /** Seed the demo marketplace (default true, with a small number of providers). */
  seed?: boolean;
  providers?: number;
  /** Run the job worker in the background (default true); tests may drain it by hand instead. */
  worker?: boolean;
  env?: Record<string, string>;
}

/**
 * The real thing, on loopback: a temp-file libSQL database migrated by the real migrations,
 * the emulators, and the Hono server with its worker — for API, bot and browser tests.
 */
export async function startTestStack(opts: TestStackOptions = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'handled-test-'));
  const [apiPort, emuPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const emulatorsUrl = `http://127.0.0.1:${emuPort}`;
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: String(apiPort),
    DATA_DIR: dataDir,
    PUBLIC_API_URL: apiUrl,
    EMULATORS_URL: emulatorsUrl,
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const emulators = await startEmulators({
    port: emuPort,
    host: '127.0.0.1',
    publicUrl: emulatorsUrl,
    // The platform's endpoint and the Connect endpoint (connected accounts' events), as in production.
    stripe: {
      webhookEndpoints: [
        { url: `${apiUrl}/webhooks/stripe`, secret: env.STRIPE_WEBHOOK_SECRET },
        { url: `${apiUrl}/webhooks/stripe`, secret: env.STRIPE_WEBHOOK_SECRET, connect: true },
      ],
    },
    // Delivery status (email.sent, delivered, bounced) signed through Svix, as Resend sends it.
    resend: { webhooks: [{ url: `${apiUrl}/webhooks/resend`, secret: env.RESEND_WEBHOOK_SECRET }] },
  });
  const deps = await createDeps(env, createLogger(env.LOG_LEVEL));
  const seeded = opts.seed === false ? null : await seed(deps.db, { dataDir, now: deps.now(), providers: opts.providers ?? 12 });
  const server = await startServer(env, deps, { worker: opts.worker !== false });

  async function signIn(email: string, password = DEMO_PASSWORD) {
    const res = await fetch(`${apiUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: env.WEB_URL },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`Sign-in failed for ${email}: ${res.status} ${await res.text()}`);
    const token = res.headers.get('set-auth-token');
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (!token) throw new Error('No bearer token returned');
    return { token, cookie };
  }

  /** A typed API client acting as the given person (bearer token, as the desk app does). */
  async function clientAs(email: string) {
    const { token } = await signIn(email);
    return createApiClient({ url: apiUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
  }

  return {
    apiUrl,
    emulatorsUrl,
    emulators,
    dataDir,
    env,
    deps,
    server,
    seeded,
    signIn,
    clientAs,
    anonymous: createApiClient({ url: apiUrl }),
    async close() {
      await server.close();
      await emulators.close();
      deps.db.$client.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestStack = Awaited<ReturnType<typeof startTestStack>>;
