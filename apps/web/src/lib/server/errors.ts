import { error, isHttpError, isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';

/** Turns an API failure in a `load` into the right page: sign-in, or an error page with the API's own status (503 when unreachable). */
export function rethrowForPage(e: unknown, event: Pick<RequestEvent, 'url'>): never {
  if (isHttpError(e) || isRedirect(e)) throw e;
  const info = describeApiError(e);
  if (info.code === 'UNAUTHORIZED') redirect(303, signInHref(event.url));
  error(info.httpStatus, {
    message: info.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side. Please try again.' : info.message,
  });
}

export function signInHref(url: URL): string {
  return `/signin?next=${encodeURIComponent(url.pathname + url.search)}`;
}
