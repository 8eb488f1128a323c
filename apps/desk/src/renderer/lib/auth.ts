// zod/mini: the same schemas, a fraction of the bundle.
import { z } from 'zod/mini';
import { API_URL } from './config.ts';

/** What the desk needs to know about the signed-in person (better-auth's user, narrowed). */
export const deskUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z._default(z.string(), 'client'),
  timeZone: z._default(z.string(), 'UTC'),
  /** Profile photo, a path on the API (`/files/...`) or a full URL. */
  image: z.optional(z.nullable(z.string())),
});
export type DeskUser = z.infer<typeof deskUserSchema>;

export class AuthError extends Error {}

const networkMessage = 'We could not reach Handled. Check your connection and try again.';

async function authFetch(path: string, init: RequestInit): Promise<Response> {
  try {
    // Bearer tokens only: the desk never relies on cookies.
    return await fetch(`${API_URL}/api/auth${path}`, { ...init, credentials: 'omit' });
  } catch {
    throw new AuthError(networkMessage);
  }
}

/** Email + password sign-in; the session token comes back in the `set-auth-token` header. */
export async function signInWithEmail(email: string, password: string): Promise<{ token: string; user: DeskUser }> {
  const res = await authFetch('/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status === 401 || res.status === 400 || res.status === 403) {
    throw new AuthError('That email and password don’t match an account. Check them and try again.');
  }
  if (res.status === 429) throw new AuthError('Too many attempts. Wait a minute, then try again.');
  if (!res.ok) throw new AuthError('Handled could not sign you in just now. Try again in a moment.');
  const token = res.headers.get('set-auth-token');
  const body = (await res.json().catch(() => null)) as { user?: unknown } | null;
  const user = deskUserSchema.safeParse(body?.user);
  if (!token || !user.success) throw new AuthError('Handled answered in a way this app does not understand. Update the app and try again.');
  return { token, user: user.data };
}

/** The user behind a stored token, or null when the session has ended. Network errors throw. */
export async function sessionUser(token: string): Promise<DeskUser | null> {
  const res = await authFetch('/get-session', { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) return null;
  if (!res.ok) throw new AuthError('Handled could not check your session just now.');
  const body = (await res.json().catch(() => null)) as { user?: unknown } | null;
  const user = deskUserSchema.safeParse(body?.user);
  return user.success ? user.data : null;
}

export async function signOutSession(token: string): Promise<void> {
  await authFetch('/sign-out', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => undefined);
}
