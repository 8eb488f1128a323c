import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Serves a built single-page app (the desk renderer in browser mode) with an index fallback. The
 * folder is resolved to its real path once: a release switched meanwhile (pnpm build) is not mixed in.
 */
export async function serveSpa(dir: string, host: string, port: number) {
  const root = realpathSync(resolve(dir));
  const index = readFileSync(resolve(root, 'index.html'), 'utf8');
  const app = new Hono();
  // The page's own CSP is a meta tag (apps/desk/src/renderer/index.html); what a meta can't say
  // — framing — comes as a header, with nosniff and the referrer policy.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { frameAncestors: ["'none'"] },
      xFrameOptions: 'DENY',
      referrerPolicy: 'strict-origin-when-cross-origin',
      strictTransportSecurity: false,
    }),
  );
  app.use('/*', serveStatic({ root }));
  app.get('*', (c) => c.html(index));
  // A port already taken fails the call (it would otherwise surface as an uncaught error and a
  // promise that never settles); port 0 takes any free port, and the address says which.
  const { server, boundPort } = await new Promise<{ server: ReturnType<typeof serve>; boundPort: number }>((ok, fail) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, (info) => ok({ server: s, boundPort: info.port }));
    s.once('error', fail);
  });
  return { url: `http://${host}:${boundPort}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
