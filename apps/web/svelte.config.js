import adapter from '@sveltejs/adapter-node';
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
  },
};
