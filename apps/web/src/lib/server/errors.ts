import { error, isHttpError, isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';

const statusOf: Record<string, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  NETWORK: 503,
};

/** Turns an API failure in a `load` into the right page: sign-in, 404, or a plain error. */
export function rethrowForPage(e: unknown, event: Pick<RequestEvent, 'url'>): never {
  if (isHttpError(e) || isRedirect(e)) throw e;
  const info = describeApiError(e);
  if (info.code === 'UNAUTHORIZED') redirect(303, signInHref(event.url));
  error(statusOf[info.code] ?? 500, { message: info.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side. Please try again.' : info.message });
}

export function signInHref(url: URL): string {
  return `/signin?next=${encodeURIComponent(url.pathname + url.search)}`;
}
