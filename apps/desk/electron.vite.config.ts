import { resolve } from 'node:path';
import { defineConfig, loadEnv } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import tailwindcss from '@tailwindcss/vite';
import { deskCsp } from './scripts/csp.ts';

// The main process polls the same API the renderer talks to (VITE_API_URL; HANDLED_API_URL overrides at run time).
const apiUrl =
  loadEnv(process.env['NODE_ENV'] === 'production' ? 'production' : 'development', import.meta.dirname, 'VITE_')['VITE_API_URL'] ||
  'http://127.0.0.1:8787';

export default defineConfig({
  main: {
    define: { __HANDLED_API_URL__: JSON.stringify(apiUrl) },
    build: {
      // One self-contained file (our workspace packages are TypeScript sources): the packaged app
      // carries no node_modules (electron-builder.json leaves them out).
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only `require('electron')`: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') }), tailwindcss(), deskCsp()],
    // The dev page's origin is the API's allowed DESK_URL.
    server: { host: '127.0.0.1', port: 5174, strictPort: true },
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
