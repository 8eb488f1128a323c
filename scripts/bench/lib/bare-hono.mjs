// The HTTP baseline: a bare Hono app answering {ok:true}, in its own process, so the figures compare
// our server with the cheapest thing the same stack can do on this machine in the same minute.
// `/same` answers whatever body and headers were last POSTed to it (a copy of one of our answers),
// to show how much of a gap is the bytes on the wire rather than our work.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

let same = { body: '', headers: {} };
const app = new Hono()
  .get('/ok', (c) => c.json({ ok: true }))
  .post('/same', async (c) => {
    same = await c.req.json();
    return c.body(null, 204);
  })
  .get('/same', () => new Response(same.body, { headers: same.headers }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, (info) => {
  process.stdout.write(JSON.stringify({ port: info.port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
