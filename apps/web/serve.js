// Serves the built site (adapter-node's handler) with gzip/brotli-negotiated compression for the
// server-rendered pages: SvelteKit's own server sends HTML uncompressed, and a profile page is ~100 KB
// of HTML (~20 KB gzipped) — the difference a phone on a slow network notices first.
// Static assets are precompressed at build time (adapter precompress) and served as .br/.gz by sirv.
//
// The build served is a release (scripts/lib/releases.ts): by default the one releases/current points
// at when this process starts, resolved to its real folder, so a later `pnpm build` (which switches
// releases/current) never pulls chunks from under it. A marker in the release's .in-use/ keeps builds
// from pruning it while this process runs.
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { z } from 'zod';

const env = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // adapter-node's output folder; by default the current release's web/.
    WEB_BUILD_DIR: z.string().min(1).optional(),
  })
  .parse(process.env);

const wanted = env.WEB_BUILD_DIR ?? resolve(import.meta.dirname, '../../releases/current/web');
if (!existsSync(join(wanted, 'handler.js'))) throw new Error(`No built site in ${wanted}: run pnpm build first.`);
const buildDir = realpathSync(wanted);
const release = dirname(buildDir);
if (existsSync(join(release, 'release.json'))) {
  mkdirSync(join(release, '.in-use'), { recursive: true });
  const marker = join(release, '.in-use', String(process.pid));
  writeFileSync(marker, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString(), argv: process.argv.slice(1) })}\n`);
  process.on('exit', () => rmSync(marker, { force: true }));
}
// The booking form may carry up to 5 photos of 10 MB each when sent without JavaScript (adapter-node's default is 512 KB).
process.env.BODY_SIZE_LIMIT ??= String(52 * 1024 * 1024);
const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);

const compress = compression({ threshold: 1024 });

const server = createServer((req, res) => {
  // Static files (/_app/…) are answered by sirv before hooks.server.ts runs, so the headers that the
  // hooks give pages are set here for every answer (pages overwrite them with the same values).
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
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
