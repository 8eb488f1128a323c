import { createMiddleware } from 'hono/factory';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests a browser sends from a page we don't serve (defence in depth
 * behind cookies and CORS). Requests without an Origin come from servers — the site's server, the
 * bot, tests — and pass; webhooks prove themselves with signatures instead.
 */
export function originCheck(allowedOrigins: readonly string[]) {
  // Kept as written: `new URL('handled-desk://app').origin` is 'null' (not a special scheme).
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, '')));
  return createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/webhooks/')) return next();
    const origin = c.req.header('origin');
    if (origin === undefined || allowed.has(origin)) return next();
    return c.json({ error: 'This request came from a page Handled does not serve.', code: 'FORBIDDEN_ORIGIN' }, 403);
  });
}
