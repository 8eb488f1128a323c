import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { signInHref } from '$lib/server/errors';
import { viewerZone } from '$lib/server/viewer-zone';

/**
 * The admin pages are for administrators only: signed out → sign in and come back; anyone else
 * gets a 403 page. (The API refuses them too; this gives a page instead of a failed call.)
 */
export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const user = event.locals.user;
  if (!user) redirect(303, signInHref(event.url));
  if (user.role !== 'admin')
    error(403, { message: `The admin pages are for Handled administrators; you are signed in as a ${user.role}.` });
  return { user, zone: viewerZone(event.locals, user.timeZone) };
}

/** The operator console's pages: admins and support (what support may not do, the API refuses). */
export function requireOperator(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const user = event.locals.user;
  if (!user) redirect(303, signInHref(event.url));
  if (user.role !== 'admin' && user.role !== 'support')
    error(403, { message: `The operator console is for Handled's team; you are signed in as a ${user.role}.` });
  return { user, zone: viewerZone(event.locals, user.timeZone) };
}
