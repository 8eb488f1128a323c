import { extname, normalize, resolve, sep } from 'node:path';

/** The packaged renderer is served from this privileged scheme rather than file://. */
export const APP_SCHEME = 'handled-desk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Maps a `handled-desk://app/...` request to a file inside the built renderer, or null when
 * the request is for another host or tries to leave the folder. Unknown paths without an
 * extension get index.html (the app routes by hash, but a reload must not 404).
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Nothing our build emits has a parent segment, a backslash or a NUL: refuse them outright.
  if (/\0|\\/.test(pathname) || pathname.split('/').includes('..')) return null;
  const base = resolve(root);
  const relative = pathname === '/' || !extname(pathname) ? 'index.html' : normalize(pathname).replace(/^([/\\])+/, '');
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : null;
}
