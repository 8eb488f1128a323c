import type { Handle, HandleServerError } from '@sveltejs/kit';
import { apiUrl } from '$lib/server/env';
import { isProxied, proxyRequest } from '$lib/server/proxy';
import { isValidTimeZone, loadSessionUser } from '$lib/server/session';

/**
 * The browser talks to one origin: auth, tRPC and uploaded files are passed through to the API
 * (cookies both ways). Every other request resolves the session once, for `load` and actions.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { url } = event;
  if (isProxied(url.pathname)) {
    let address: string | undefined;
    try {
      address = event.getClientAddress();
    } catch {
      // Not every adapter knows the client's address.
    }
    return proxyRequest(event.request, `${apiUrl()}${url.pathname}${url.search}`, { host: url.host, protocol: url.protocol, ...(address ? { address } : {}) });
  }

  event.locals.user = await loadSessionUser(event);
  const tz = event.cookies.get('tz');
  event.locals.timeZone = isValidTimeZone(tz) ? tz : (event.locals.user?.timeZone ?? null);
  return resolve(event);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`[web] ${event.request.method} ${event.url.pathname}:`, error);
  return { message: status === 404 ? 'We could not find that page.' : 'Something went wrong on our side. Please try again.' };
};
