import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';

/**
 * Injected failures, so a client's retries, timeouts and idempotency can be tested against
 * the emulators: answer a matching request with an error (`phase: 'before'`, nothing is done),
 * or do the work and then answer with the error (`phase: 'after'`: the response is "lost").
 */
export const faultSchema = z.object({
  method: z.string().toUpperCase().optional(),
  /** Path prefix, e.g. `/v1/invoices` or `/bot` (Telegram) or `/emails`. */
  path: z.string().startsWith('/'),
  status: z.number().int().min(100).max(599).default(500),
  /** Wait before answering (a slow or timing-out service). */
  delayMs: z.number().int().min(0).max(120_000).default(0),
  /** How many matching requests fail; then the fault is gone. */
  times: z.number().int().min(1).default(1),
  /** The share of matching requests that fail (0.3: about 30 %, drawn per request); 1 fails every one. */
  rate: z.number().gt(0).max(1).default(1),
  /** Makes the draws for `rate` repeatable. */
  seed: z.number().int().optional(),
  phase: z.enum(['before', 'after']).default('before'),
  /** Response body; default: the service's own error shape for `status`. */
  body: z.unknown().optional(),
  /** Extra response headers, e.g. `{ "retry-after": "1" }` or `{ "stripe-should-retry": "true" }`. */
  headers: z.record(z.string(), z.string()).optional(),
});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: number; hits: number; draw: () => number };

/** mulberry32: a small seeded generator, so a failure rate replays the same way. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function defaultBody(path: string, status: number): unknown {
  const message = `Injected fault (${status})`;
  if (path.startsWith('/v1') || path.startsWith('/v2'))
    return {
      error: { type: status === 429 ? 'invalid_request_error' : 'api_error', code: status === 429 ? 'rate_limit' : undefined, message },
    };
  if (path.startsWith('/bot'))
    return {
      ok: false,
      error_code: status,
      description: status === 429 ? 'Too Many Requests: retry after 1' : message,
      ...(status === 429 ? { parameters: { retry_after: 1 } } : {}),
    };
  if (path.startsWith('/2010-04-01'))
    return { code: status === 429 ? 20429 : 20500, message, more_info: 'https://www.twilio.com/docs/errors', status };
  if (path.startsWith('/emails'))
    return { statusCode: status, name: status === 429 ? 'rate_limit_exceeded' : 'application_error', message };
  return { error: message };
}

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const parsed = faultSchema.parse(input);
    const fault = { ...parsed, id: this.nextId++, hits: 0, draw: parsed.seed !== undefined ? seeded(parsed.seed) : Math.random };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): void {
    this.faults = [];
  }

  private take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && path.startsWith(f.path));
    if (!fault) return undefined;
    if (fault.rate < 1 && fault.draw() >= fault.rate) return undefined;
    fault.hits += 1;
    if (fault.hits >= fault.times) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.path.startsWith('/_/')) return next();
      const fault = this.take(c.req.method, c.req.path);
      if (!fault) return next();
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      const body = fault.body ?? defaultBody(c.req.path, fault.status);
      const headers = { 'content-type': 'application/json', ...fault.headers };
      if (fault.phase === 'after') {
        await next();
        // The handler answered (and finalized the context): a Response returned now would be ignored,
        // so the one it wrote is replaced — the work is done, the client hears only the error.
        c.res = new Response(JSON.stringify(body), { status: fault.status, headers });
        return;
      }
      return c.body(JSON.stringify(body), fault.status as 500, headers);
    };
  }

  /** `/_/faults`: list (GET), add (POST, JSON), clear (DELETE). */
  routes(): Hono {
    const app = new Hono();
    app.get('/_/faults', (c) => c.json({ faults: this.list() }));
    app.post('/_/faults', async (c) => {
      const parsed = faultSchema.safeParse(await c.req.json().catch(() => ({})));
      if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
      return c.json(this.add(parsed.data), 201);
    });
    app.delete('/_/faults', (c) => {
      this.clear();
      return c.json({ ok: true });
    });
    return app;
  }
}
