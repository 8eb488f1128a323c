import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import tailwindcss from '@tailwindcss/vite';
import { deskCsp } from './scripts/csp.ts';

/** The same renderer as a plain web app (browser mode): no Electron, `DeskBridge` backed by web APIs. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  envDir: import.meta.dirname,
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') }), tailwindcss(), deskCsp()],
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
  preview: { host: '127.0.0.1', port: 5174, strictPort: true },
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true },
});
