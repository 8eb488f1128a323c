import type { Plugin } from 'vite';

const PLACEHOLDER = '%HANDLED_API_ORIGIN%';

/**
 * The renderer's Content-Security-Policy names the API it was built for (VITE_API_URL): the
 * index.html meta carries a placeholder that this fills in, in the Electron and the browser build.
 * Loopback stays allowed on any port for the sandbox and tests (which point the desk at their own
 * API through local storage), and https: for a desk pointed at a staging or production API.
 */
export function deskCsp(): Plugin {
  let apiOrigin = 'http://127.0.0.1:8787';
  return {
    name: 'handled-desk-csp',
    configResolved(config) {
      const url = config.env['VITE_API_URL'];
      if (typeof url === 'string' && url) apiOrigin = new URL(url).origin;
    },
    // Before Vite's own %ENV% replacement, which would warn about an unknown variable.
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(PLACEHOLDER)) throw new Error(`apps/desk index.html lost its CSP placeholder ${PLACEHOLDER}`);
        return html.replaceAll(PLACEHOLDER, apiOrigin);
      },
    },
  };
}
