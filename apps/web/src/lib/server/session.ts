import type { RequestEvent } from '@sveltejs/kit';
import { relaySetCookies } from './cookies.ts';
import { apiUrl } from './env.ts';
import { isValidTimeZone as isZone } from '@handled/core/availability';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: 'client' | 'provider' | 'admin' | 'support';
  timeZone: string;
  /** A provider who also books (they applied from a client account). */
  alsoClient: boolean;
}

/** Whether this person books on the site: a client, or a provider who kept booking. */
export function booksAsClient(user: Pick<SessionUser, 'role' | 'alsoClient'> | null | undefined): boolean {
  return !!user && (user.role === 'client' || (user.role === 'provider' && user.alsoClient));
}

interface SessionPayload {
  user?: { id: string; name: string; email: string; role?: string; timeZone?: string; alsoClient?: boolean } | null;
}

/** Resolves who is signed in from the incoming cookie (one call to the API per page request). */
export async function loadSessionUser(event: RequestEvent): Promise<SessionUser | null> {
  const cookie = event.request.headers.get('cookie');
  if (!cookie || !cookie.includes('session_token')) return null;
  try {
    const res = await fetch(`${apiUrl()}/api/auth/get-session`, { headers: { cookie } });
    if (!res.ok) return null;
    relaySetCookies(res, event.cookies);
    const body = (await res.json()) as SessionPayload | null;
    const u = body?.user;
    if (!u) return null;
    const role = u.role === 'provider' || u.role === 'admin' || u.role === 'support' ? u.role : 'client';
    // A stored zone that isn't one (an old row, a hand edit) reads as UTC rather than breaking pages.
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role,
      timeZone: isValidTimeZone(u.timeZone) ? u.timeZone : 'UTC',
      alsoClient: u.alsoClient === true,
    };
  } catch {
    // The API being down is not a reason to fail every page: pages that need it say so.
    return null;
  }
}

/** An IANA zone this runtime knows (the core's check, so the site and the API agree). */
export function isValidTimeZone(tz: string | undefined | null): tz is string {
  return typeof tz === 'string' && tz.length <= 64 && isZone(tz);
}
