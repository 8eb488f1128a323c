import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { newId } from '../shared/ids.ts';
import { STRIPE_API_VERSION } from './api-version.ts';
import { StripeApiError, invalid } from './errors.ts';
import { parseForm, type Params } from './params.ts';
import { noRequest, type RequestInfo, type StripeStore } from './store.ts';
import type { ApiList, StripeObject } from './types.ts';

export interface ApiContext {
  params: Params;
  path: Record<string, string>;
  req: RequestInfo;
  store: StripeStore;
}
export type ApiHandler = (ctx: ApiContext) => unknown;
type Method = 'GET' | 'POST' | 'DELETE';

export interface StripeRouter {
  get(path: string, handler: ApiHandler): void;
  post(path: string, handler: ApiHandler): void;
  delete(path: string, handler: ApiHandler): void;
}

const KEY = /^(sk|rk)_test_[A-Za-z0-9_]+$/;

function apiKey(c: Context): string | null {
  const auth = c.req.header('authorization') ?? '';
  if (auth.startsWith('Bearer ')) return auth.slice(7).trim();
  if (auth.startsWith('Basic ')) return Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] ?? '';
  return null;
}

function checkAuth(c: Context): void {
  const key = apiKey(c);
  if (key === null || key === '') {
    throw new StripeApiError({
      status: 401,
      type: 'invalid_request_error',
      code: 'api_key_missing',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    });
  }
  if (!KEY.test(key)) {
    throw new StripeApiError({
      status: 401,
      type: 'invalid_request_error',
      code: 'api_key_invalid',
      message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
    });
  }
}

/** A Stripe list of `items` (already newest first) honouring limit / starting_after / ending_before. */
export function listOf<T extends { id: string }>(items: T[], params: Params, url: string): ApiList<T> {
  const limit = Number(params.limit ?? 10);
  let start = 0;
  let end = items.length;
  if (typeof params.starting_after === 'string') start = items.findIndex((i) => i.id === params.starting_after) + 1;
  if (typeof params.ending_before === 'string') {
    end = Math.max(
      0,
      items.findIndex((i) => i.id === params.ending_before),
    );
    start = Math.max(0, end - limit);
  }
  const page = items.slice(start, Math.min(end, start + limit));
  return { object: 'list', data: page, has_more: start + limit < end, url };
}

function expandPath(store: StripeStore, value: unknown, parts: string[]): unknown {
  if (parts.length === 0 || value === null || typeof value !== 'object') return value;
  const [key, ...rest] = parts as [string, ...string[]];
  const obj = value as Record<string, unknown>;
  if (key === 'data' && Array.isArray(obj.data)) {
    obj.data = obj.data.map((item: unknown) => expandPath(store, item, rest));
    return obj;
  }
  let field = obj[key];
  if (typeof field === 'string') field = structuredClone(store.lookup(field)) ?? field;
  obj[key] = expandPath(store, field, rest);
  return obj;
}

/** Applies `expand[]` (and the includable `payments` of an invoice) to a response. */
export function expandResponse(store: StripeStore, result: unknown, expand: unknown): unknown {
  const paths = Array.isArray(expand) ? expand.filter((e): e is string => typeof e === 'string') : [];
  if (paths.length === 0 || result === null || typeof result !== 'object') return result;
  const out = structuredClone(result) as StripeObject;
  const attachPayments = (inv: unknown) => {
    const invoice = inv as StripeObject;
    if (invoice?.object !== 'invoice') return;
    // Cloned: expansion below rewrites fields in place and must not touch the stored objects.
    const payments = structuredClone(
      Object.values(store.data.invoice_payments)
        .filter((p) => p.invoice === invoice.id)
        .reverse(),
    );
    invoice.payments = listOf(payments, { limit: 100 }, `/v1/invoice_payments?invoice=${invoice.id}`);
  };
  for (const path of paths) {
    if (path === 'payments' || path.startsWith('payments.')) attachPayments(out);
    if (path === 'data.payments' || path.startsWith('data.payments.')) (out.data as unknown[] | undefined)?.forEach(attachPayments);
    expandPath(store, out, path.split('.'));
  }
  return out;
}

/** The `/v1` API: auth, form parsing, idempotency, Stripe's error shape, and the routes. */
export function createStripeHttp(store: StripeStore): { app: Hono; router: StripeRouter } {
  const app = new Hono();

  app.onError((err, c) => {
    const apiErr =
      err instanceof StripeApiError
        ? err
        : new StripeApiError({ status: 500, type: 'api_error', message: `Emulator error: ${err.message}` });
    c.header('Stripe-Version', STRIPE_API_VERSION);
    return c.json(apiErr.body(), apiErr.init.status as 400);
  });

  const handle = (method: Method, path: string, handler: ApiHandler) => {
    app.on(method, path, async (c) => {
      checkAuth(c);
      const raw = method === 'POST' ? await c.req.text() : new URL(c.req.url).search.slice(1);
      const params = parseForm(raw);
      const req: RequestInfo = {
        ...noRequest,
        id: newId('req', 14),
        idempotencyKey: method === 'POST' ? (c.req.header('idempotency-key') ?? null) : null,
        account: c.req.header('stripe-account') ?? null,
      };
      c.header('Stripe-Version', STRIPE_API_VERSION);
      c.header('Request-Id', req.id ?? '');
      const failure = store.drawFailure();
      if (failure === '429' || failure === '500') {
        const err =
          failure === '429'
            ? new StripeApiError({
                status: 429,
                type: 'invalid_request_error',
                code: 'rate_limit',
                message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
              })
            : new StripeApiError({ status: 500, type: 'api_error', message: 'An unknown error occurred (injected by the emulator).' });
        return c.body(JSON.stringify(err.body()), failure === '429' ? 429 : 500, {
          'content-type': 'application/json',
          'stripe-should-retry': 'true',
        });
      }
      const run = (): { status: number; body: string } => {
        try {
          const result = handler({ params, path: c.req.param() as Record<string, string>, req, store });
          return { status: 200, body: JSON.stringify(expandResponse(store, result, params.expand)) };
        } catch (err) {
          if (!(err instanceof StripeApiError)) throw err;
          return { status: err.init.status, body: JSON.stringify(err.body()) };
        }
      };
      let out: { status: number; body: string };
      const key = req.idempotencyKey;
      if (key) {
        if (key.length > 255) throw invalid('Idempotency key is too long (max 255 characters).', undefined, 'idempotency_key_too_long');
        const slot = `${req.account ?? ''}:${key}`;
        const hash = createHash('sha256').update(`${method} ${c.req.path}\n${raw}`).digest('hex');
        const seen = store.data.idempotency[slot];
        if (seen && seen.hash !== hash) {
          throw new StripeApiError({
            status: 400,
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          });
        }
        if (seen) {
          c.header('Idempotent-Replayed', 'true');
          out = seen;
        } else {
          out = run();
          store.data.idempotency[slot] = { hash, status: out.status, body: out.body, at: store.now() };
          store.changed();
        }
        c.header('Idempotency-Key', key);
      } else {
        out = run();
      }
      if (failure === '500-after') {
        // The work is done (and replayable by its idempotency key) but the answer is lost.
        const err = new StripeApiError({
          status: 500,
          type: 'api_error',
          message: 'An unknown error occurred (injected by the emulator, after the request was applied).',
        });
        return c.body(JSON.stringify(err.body()), 500, { 'content-type': 'application/json', 'stripe-should-retry': 'true' });
      }
      return c.body(out.body, out.status as 200, { 'content-type': 'application/json' });
    });
  };

  const router: StripeRouter = {
    get: (p, h) => handle('GET', p, h),
    post: (p, h) => handle('POST', p, h),
    delete: (p, h) => handle('DELETE', p, h),
  };
  return { app, router };
}

/** Registered last: unknown `/v1` paths answer like Stripe. */
export function addFallback(app: Hono): void {
  app.all('/v1/*', (c) => {
    checkAuth(c);
    throw new StripeApiError({
      status: 404,
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${c.req.method}: ${c.req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    });
  });
}
