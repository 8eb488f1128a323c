import type { RequestEvent } from '@sveltejs/kit';
import { relaySetCookies } from './cookies.ts';
import { apiUrl } from './env.ts';
import { visitorAddress, visitorHeaders } from './visitor.ts';

export type AuthResult =
  { ok: true; body: unknown; token: string | null } | { ok: false; status: number; message: string; code: string | null };

/** The better-auth endpoints the site's actions call for the visitor. */
export type AuthPath =
  | 'sign-in/email'
  | 'sign-up/email'
  | 'sign-out'
  | 'change-password'
  | 'change-email'
  | 'send-verification-email'
  | 'request-password-reset'
  | 'reset-password'
  | 'revoke-sessions'
  | 'revoke-other-sessions'
  | 'list-sessions';

const friendly: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'That email and password do not match an account.',
  USER_ALREADY_EXISTS: 'An account with this email already exists. Sign in instead?',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this email already exists. Sign in instead?',
  PASSWORD_TOO_SHORT: 'Use at least 8 characters for your password.',
  INVALID_EMAIL: 'Enter a valid email address.',
  INVALID_PASSWORD: 'That password is not right.',
  INVALID_TOKEN: 'This link has expired or was already used. Ask for a new one.',
  EMAIL_ALREADY_VERIFIED: 'Your email is already confirmed.',
  CREDENTIAL_ACCOUNT_NOT_FOUND: 'This account has no password to change.',
};

/**
 * Calls one of better-auth's endpoints from the server, as the browser would, and relays
 * the session cookie it sets. The Origin is ours, which the API trusts; the visitor's address
 * goes along (with the site secret) so sign-in attempts are counted per visitor, not per site.
 */
export async function callAuth(event: RequestEvent, path: AuthPath, body: Record<string, unknown> | null = {}): Promise<AuthResult> {
  const cookie = event.request.headers.get('cookie');
  let res: Response;
  try {
    res = await fetch(`${apiUrl()}/api/auth/${path}`, {
      method: body === null ? 'GET' : 'POST',
      headers: {
        ...(body === null ? {} : { 'content-type': 'application/json' }),
        origin: event.url.origin,
        // The visitor's browser names the session (the account page lists them by device).
        'user-agent': event.request.headers.get('user-agent') ?? 'unknown',
        ...(cookie ? { cookie } : {}),
        ...visitorHeaders(visitorAddress(event)),
      },
      ...(body === null ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 503, code: null, message: 'We could not reach Handled. Check your connection and try again.' };
  }
  relaySetCookies(res, event.cookies);
  if (res.ok) return { ok: true, body: await res.json().catch(() => null), token: res.headers.get('set-auth-token') };
  const data = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  const code = data?.code ?? null;
  return {
    ok: false,
    status: res.status === 401 || res.status === 422 ? 400 : res.status,
    code,
    message: (code && friendly[code]) || data?.message || 'Something went wrong. Please try again.',
  };
}
