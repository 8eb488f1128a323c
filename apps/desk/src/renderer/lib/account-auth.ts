import { API_URL } from './config.ts';
import { session } from './session.svelte.ts';

/** better-auth's account endpoints, called with the desk's bearer token (never cookies). */
export class AccountAuthError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const friendly: Record<string, string> = {
  INVALID_PASSWORD: 'That password is not right.',
  PASSWORD_TOO_SHORT: 'Use at least 8 characters.',
  EMAIL_ALREADY_VERIFIED: 'Your email is already confirmed.',
};

async function call<T>(path: string, body: unknown | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API_URL}/api/auth/${path}`, {
      method: body === null ? 'GET' : 'POST',
      credentials: 'omit',
      headers: { ...session.authHeaders(), ...(body === null ? {} : { 'content-type': 'application/json' }) },
      ...(body === null ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new AccountAuthError('We could not reach Handled. Check your connection and try again.', null);
  }
  if (res.status === 401) {
    session.expired();
    throw new AccountAuthError('Your session ended. Sign in again.', 'UNAUTHORIZED');
  }
  const data = (await res.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
  if (!res.ok) {
    const code = data?.code ?? null;
    throw new AccountAuthError((code && friendly[code]) || data?.message || 'Handled could not do that just now. Try again.', code);
  }
  return data as T;
}

export interface DeskSession {
  id: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export const accountAuth = {
  changePassword: (currentPassword: string, newPassword: string) =>
    call<{ token: string | null }>('change-password', { currentPassword, newPassword, revokeOtherSessions: true }),
  changeEmail: (newEmail: string) => call<{ status: boolean }>('change-email', { newEmail, callbackURL: '/account?email=changed' }),
  resendVerification: (email: string) =>
    call<{ status: boolean }>('send-verification-email', { email, callbackURL: '/account?verified=1' }),
  listSessions: () => call<DeskSession[]>('list-sessions', null),
  signOutOthers: () => call<{ status: boolean }>('revoke-other-sessions', {}),
  signOutEverywhere: () => call<{ status: boolean }>('revoke-sessions', {}),
};
