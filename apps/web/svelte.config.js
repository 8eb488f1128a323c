import adapter from '@sveltejs/adapter-node';
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// `pnpm build` (scripts/build.ts) names a fresh release folder (releases/<id>/web) here, so a build
// never writes where a running site loads its chunks from; a bare `vite build` writes ./build.
const out = process.env.WEB_BUILD_OUT || 'build';
if (!isAbsolute(out) && out !== 'build') throw new Error(`WEB_BUILD_OUT must be an absolute path, got ${out}`);

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out, precompress: true }),
    // The stylesheets are small (~40 KB, ~8 KB gzipped): inline them so the first paint waits
    // for no extra request on a slow phone connection (Lighthouse FCP/LCP are text here).
    inlineStyleThreshold: 64 * 1024,
    // Scripts only from this site, and SvelteKit's own inline boot script by nonce (hash when
    // prerendered): no 'unsafe-inline' for scripts. Styles need it: the stylesheets are inlined
    // above and components set style attributes. The zone worker is a blob: (lib/browser-zone.ts).
    // Photos, tRPC, auth and files come through this origin (the API proxy), so 'self' covers them.
    // One inline handler is allowed by its hash: Svelte's server output puts `onerror="this.__e=event"`
    // on images with an error handler (the Avatar) so an error before hydration is replayed.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'unsafe-hashes', `sha256-${createHash('sha256').update('this.__e=event').digest('base64')}`],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self', 'blob:'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
