import type { Cookies } from '@sveltejs/kit';
import { parseSetCookie } from './set-cookie.ts';

/**
 * Copies the API's Set-Cookie headers onto our response, unchanged: the browser keeps the
 * session cookie for this origin and sends it back, and we forward it to the API.
 */
export function relaySetCookies(from: Response, cookies: Cookies): void {
  for (const header of from.headers.getSetCookie()) {
    const c = parseSetCookie(header);
    if (!c) continue;
    // The value is already encoded by the API; encoding it again would break the signature.
    cookies.set(c.name, c.value, { ...c.options, encode: (v) => v });
  }
}
