// Serves the built site (adapter-node's handler) with gzip/brotli-negotiated compression for the
// server-rendered pages: SvelteKit's own server sends HTML uncompressed, and a profile page is ~100 KB
// of HTML (~20 KB gzipped) — the difference a phone on a slow network notices first.
// Static assets are precompressed at build time (adapter precompress) and served as .br/.gz by sirv.
import { createServer } from 'node:http';
import compression from 'compression';
import { z } from 'zod';
import { handler } from './build/handler.js';

const env = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  })
  .parse(process.env);

const compress = compression({ threshold: 1024 });

const server = createServer((req, res) => {
  compress(req, res, (err) => {
    if (err) {
      res.statusCode = 500;
      res.end('Internal error');
      return;
    }
    handler(req, res);
  });
});

server.listen(env.PORT, env.HOST, () => console.log(`site listening on http://${env.HOST}:${env.PORT}`));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
