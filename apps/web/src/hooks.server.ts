import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { apiUrl, siteEnv } from '$lib/server/env';
import { isProxied, proxyRequest } from '$lib/server/proxy';
import { isValidTimeZone, loadSessionUser } from '$lib/server/session';
import { visitorAddress } from '$lib/server/visitor';
import { chosenZone } from '$lib/server/viewer-zone';

/** A bad environment (a production site without its own proxy secret) stops the site at start. */
export const init: ServerInit = () => {
  siteEnv();
};

/**
 * Headers every page answer carries beside the Content-Security-Policy (svelte.config.js `csp`):
 * no sniffing, no framing (for browsers without frame-ancestors), the referrer only as an origin
 * to other sites, and HSTS in production (the site is then behind HTTPS).
 */
function securityHeaders(production: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * The browser talks to one origin: auth, tRPC and uploaded files are passed through to the API
 * (cookies both ways). Every other request resolves the session once, for `load` and actions.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { url } = event;
  if (isProxied(url.pathname)) {
    const address = visitorAddress(event);
    return proxyRequest(event.request, `${apiUrl()}${url.pathname}${url.search}`, {
      host: url.host,
      protocol: url.protocol,
      ...(address ? { address, siteSecret: siteEnv().SITE_PROXY_SECRET } : {}),
    });
  }

  event.locals.user = await loadSessionUser(event);
  const tz = event.cookies.get('tz');
  // The browser's zone (its script sets the cookie), else the person's own setting; pages fall back to the job's or the place's zone.
  event.locals.timeZone = isValidTimeZone(tz) ? tz : chosenZone(event.locals.user?.timeZone);
  const response = await resolve(event);
  for (const [name, value] of Object.entries(securityHeaders(siteEnv().NODE_ENV === 'production'))) {
    // A redirect or fetched response may come with immutable headers; those keep their own.
    try {
      response.headers.set(name, value);
    } catch {
      break;
    }
  }
  return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`[web] ${event.request.method} ${event.url.pathname}:`, error);
  return { message: status === 404 ? 'We could not find that page.' : 'Something went wrong on our side. Please try again.' };
};
