import { resolve } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { trpcServer } from '@hono/trpc-server';
import { z } from 'zod';
import { appRouter, internalErrorMessage, type ServiceDeps } from '@handled/api';
import { isDomainError } from '@handled/core/errors';
import { escapeHtml } from '@handled/core/html';
import { ingestStripeWebhook, ingestCalcomWebhook } from '@handled/api/webhooks';
import { finishOAuth } from '@handled/api/oauth';
import { jobsWritten } from '@handled/api/worker';
import type { Auth } from './auth.ts';
import { createContext } from './context.ts';
import { acknowledgeWebhook } from './routes/answers.ts';
import { fileRoutes } from './routes/files.ts';
import { openDeskRoutes } from './routes/open-desk.ts';
import { notificationRoutes } from './routes/notification-webhooks.ts';
import { publicImageRoutes } from './routes/public-images.ts';
import { providerPhotoRoutes } from './routes/provider-photos.ts';
import { answerHeaders, publicReadAnswerer, publicReadPaths, publicReads } from './routes/public-reads.ts';
import { clientAddress } from './security/client-address.ts';
import { cors } from './security/cors.ts';
import { originCheck } from './security/origin-check.ts';
import { apiSecureHeaders } from './security/secure-headers.ts';
import { createSignInThrottle, throttledMessage, type SignInLimits } from './security/sign-in-throttle.ts';

export interface AppOptions {
  deps: ServiceDeps;
  auth: Auth;
  dataDir: string;
  /** Browser origins allowed to call (CORS) and to send state-changing requests (Origin check). */
  allowedOrigins: string[];
  /** Proves a request comes from the site's server, which may then name the visitor's address. */
  siteProxySecret: string;
  signInLimits: SignInLimits;
  /** Strict-Transport-Security on every answer (production, behind HTTPS). */
  hsts?: boolean;
  stripeWebhookSecret: string;
  botSecret: string;
  /** Largest job photo accepted, in bytes (default 10 MB). */
  maxUploadBytes?: number;
  /** Called after anything that wrote jobs, so the worker runs them now rather than at its next poll. */
  onJobsWritten?: () => void;
  /** Svix secret of Resend's webhooks (delivery status). */
  resendWebhookSecret?: string;
  /** The API's public address (Twilio signs the full URL it posts to). */
  publicApiUrl?: string;
}

const signInBody = z.object({ email: z.string().min(1).max(320) });

/**
 * An EventSource cannot send headers: the desk's live stream (live.events over SSE) names its bearer
 * token in tRPC's connectionParams instead, read here as the Authorization header it stands for.
 */
function withStreamToken(req: Request, params: Record<string, string | undefined> | null): Request {
  const token = params?.['authorization'];
  if (!token || req.headers.has('authorization') || !token.startsWith('Bearer ')) return req;
  const headers = new Headers(req.headers);
  headers.set('authorization', token);
  return new Request(req, { headers });
}

export function createApp(opts: AppOptions) {
  const { deps, auth } = opts;
  const app = new Hono<{ Variables: { clientAddress: string | null } }>();
  const signInThrottle = createSignInThrottle(deps.db, opts.signInLimits);
  let jobsSeen = jobsWritten();

  const headerMiddlewares = [
    apiSecureHeaders({ hsts: opts.hsts ?? false }),
    cors({
      origin: (origin) => (opts.allowedOrigins.includes(origin) ? origin : null),
      credentials: true,
      allowHeaders: ['content-type', 'authorization', 'trpc-accept', 'x-trpc-source'],
      exposeHeaders: ['set-auth-token'],
      maxAge: 600,
    }),
  ];
  // The public reads hit most answer first, with the headers of the middlewares below worked out
  // once per origin (see public-reads.ts): they need no address or origin check.
  const readAnswers = publicReadAnswerer(deps, answerHeaders(headerMiddlewares, '/trpc'));
  for (const path of publicReadPaths) app.use(`/trpc/${path}`, publicReads(readAnswers));
  for (const m of headerMiddlewares) app.use('*', m);
  app.use('*', clientAddress(opts.siteProxySecret));
  app.use('*', originCheck(opts.allowedOrigins));

  app.get('/health', async (c) => {
    const db = await deps.db.$client.execute('select 1 as ok').then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    return c.json({ status: db === 'ok' ? 'ok' : 'degraded', db, time: deps.now().toISOString() }, db === 'ok' ? 200 : 503);
  });

  // Every attempt draws on the account's and the address's budgets first; a success pays them back.
  // Unknown emails are counted like real ones, so the answers can't tell them apart.
  app.post('/api/auth/sign-in/email', async (c) => {
    const body = signInBody.safeParse(
      await c.req.raw
        .clone()
        .json()
        .catch(() => null),
    );
    const email = body.success ? body.data.email : null;
    const address = c.get('clientAddress');
    const attempt = await signInThrottle.attempt(email, address);
    if (!attempt.allowed) {
      return c.json({ code: 'TOO_MANY_ATTEMPTS', message: throttledMessage(attempt.retryAfterSeconds) }, 429, {
        'retry-after': String(attempt.retryAfterSeconds),
      });
    }
    const res = await auth.handler(c.req.raw);
    if (res.ok && email) await signInThrottle.succeeded(email, address);
    return res;
  });
  app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      // The adapter types the context as a plain record; ours is the typed Context the router expects.
      createContext: async (o, c) =>
        (await createContext(withStreamToken(c.req.raw, o.info.connectionParams), deps, auth, opts.botSecret)) as unknown as Record<
          string,
          unknown
        >,
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ path, err: error.message, stack: error.stack }, 'procedure failed');
      },
      // Wake the worker only after a procedure that wrote jobs: waking it claims in a write transaction.
      responseMeta: () => {
        if (jobsWritten() !== jobsSeen) {
          jobsSeen = jobsWritten();
          opts.onJobsWritten?.();
        }
        return {};
      },
    }),
  );

  const wakeWorker = () => opts.onJobsWritten?.();
  app.post('/webhooks/stripe', async (c) => {
    const signature = c.req.header('stripe-signature');
    if (!signature) return c.json({ error: 'Missing Stripe-Signature' }, 400);
    const raw = await c.req.text();
    return acknowledgeWebhook(c, () => ingestStripeWebhook(deps, raw, signature, opts.stripeWebhookSecret), wakeWorker);
  });

  app.post('/webhooks/calcom', async (c) => {
    const raw = await c.req.text();
    return acknowledgeWebhook(c, () => ingestCalcomWebhook(deps, raw, c.req.header('x-cal-signature-256')), wakeWorker);
  });

  // Delivery status, SMS STOP and unsubscribe links (notifications).
  app.route(
    '/',
    notificationRoutes({
      deps,
      publicApiUrl: opts.publicApiUrl ?? deps.config.apiUrl ?? '',
      resendWebhookSecret: opts.resendWebhookSecret ?? 'whsec_c2FuZGJveC1yZXNlbmQtd2ViaG9vaw==',
      onJobsWritten: wakeWorker,
    }),
  );

  // Cal.com sends the provider back here after they allow access (OAuth 2 + PKCE).
  app.get('/oauth/calcom/callback', async (c) => {
    const { code, state, error } = c.req.query();
    const page = (title: string, text: string, status: 200 | 400) =>
      c.html(
        `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font:16px system-ui;max-width:34rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p><p><a href="${deps.config.deskUrl}">Back to Handled</a></p></body>`,
        status,
      );
    if (error || !code || !state)
      return page('Cal.com not connected', 'Cal.com did not give access. You can try again from your calendar settings.', 400);
    try {
      await finishOAuth(deps, { code, state });
      opts.onJobsWritten?.();
      return page(
        'Cal.com connected',
        'Your calendar is connected. Marketplace bookings will appear in Cal.com, and your Cal.com events keep those times free of new requests.',
        200,
      );
    } catch (e) {
      if (isDomainError(e)) return page('Cal.com not connected', escapeHtml(e.message), 400);
      throw e;
    }
  });

  // Job photos and receipts: only through the authorized routes, never the public /files.
  app.route('/', fileRoutes({ deps, auth, botSecret: opts.botSecret, maxUploadBytes: opts.maxUploadBytes ?? 10 * 1024 * 1024 }));
  // Links from Telegram into the provider's desk app, with the desk in a browser as the fallback.
  app.route('/', openDeskRoutes({ deskUrl: deps.config.deskUrl }));
  // Only the public folder (profile and gallery photos) is served as static files; `?w=` gives a smaller copy.
  app.route('/', publicImageRoutes({ dataDir: opts.dataDir }));
  app.route('/', providerPhotoRoutes({ storage: deps.storage }));
  app.use(
    '/files/seed/*',
    serveStatic({ root: resolve(opts.dataDir, 'uploads/seed'), rewriteRequestPath: (p) => p.replace(/^\/files\/seed/, '') }),
  );

  app.notFound((c) => c.json({ error: 'Not found' }, 404));
  app.onError((err, c) => {
    deps.log.error({ err: err.message, stack: err.stack, path: c.req.path }, 'unhandled error');
    return c.json({ error: internalErrorMessage }, 500);
  });
  // The server answers the public reads in front of the app as well (nodePublicReads), with the same answerer.
  return Object.assign(app, { publicReads: readAnswers });
}
