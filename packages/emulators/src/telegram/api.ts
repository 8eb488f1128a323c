import { Hono } from 'hono';
import { METHODS } from './methods.ts';
import { TelegramError, type TelegramStore } from './store.ts';

async function readParams(req: Request): Promise<Record<string, unknown>> {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  if (req.method !== 'POST') return query;
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const text = await req.text();
    return { ...query, ...(text ? (JSON.parse(text) as Record<string, unknown>) : {}) };
  }
  if (type.includes('form')) {
    const form = await req.formData();
    return { ...query, ...Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : v.name])) };
  }
  return query;
}

/** `/bot<token>/<method>`: the Bot API's envelope `{ ok, result }` / `{ ok: false, error_code, description }`. */
export function botApiRoutes(store: TelegramStore): Hono {
  const app = new Hono();
  app.all('/:token{bot[^/]+}/:method', async (c) => {
    try {
      const bot = store.botForToken(c.req.param('token').slice(3));
      const name = c.req.param('method');
      const method = Object.entries(METHODS).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (!method) throw new TelegramError(404, 'Not Found');
      let params: Record<string, unknown>;
      try {
        params = await readParams(c.req.raw);
      } catch {
        throw new TelegramError(400, "Bad Request: can't parse JSON object");
      }
      const result = await method(store, bot, params, c.req.raw.signal);
      return c.json({ ok: true, result });
    } catch (err) {
      if (!(err instanceof TelegramError)) throw err;
      return c.json(
        {
          ok: false,
          error_code: err.code,
          description: err.description,
          ...(err.retryAfter ? { parameters: { retry_after: err.retryAfter } } : {}),
        },
        err.code as 400,
      );
    }
  });
  return app;
}
