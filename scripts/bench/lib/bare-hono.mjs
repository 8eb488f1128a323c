// The HTTP baseline: a bare Hono app answering {ok:true}, in its own process, so the figures compare
// our server with the cheapest thing the same stack can do on this machine in the same minute.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/ok', (c) => c.json({ ok: true }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, (info) => {
  process.stdout.write(JSON.stringify({ port: info.port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
