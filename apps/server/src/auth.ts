import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { bearer } from 'better-auth/plugins';
import { CLIENT_ADDRESS_HEADER } from '@handled/client/site-proxy';
import { timeZoneSchema } from '@handled/core/availability';
import { phoneSchema } from '@handled/core/schemas';
import type { Logger } from '@handled/api';
import type { Db } from '@handled/db';
import { accounts, authRateLimits, sessions, users, verifications } from '@handled/db/schema';
import { checkPasswordStrength } from './security/password-strength.ts';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
  /** Accounts one client address may create per hour (better-auth's limiter, kept in the database). */
  signUpsPerAddressPerHour?: number;
  /** Where better-auth's own messages go (the server's logger). */
  log?: Logger;
}

/** Endpoints that set a password, and the body field that carries it. */
const newPasswordField: Record<string, 'password' | 'newPassword'> = {
  '/sign-up/email': 'password',
  '/change-password': 'newPassword',
  '/reset-password': 'newPassword',
  '/set-password': 'newPassword',
};

/** Every new password is judged by the strength estimator before better-auth stores it. */
const passwordPolicy = createAuthMiddleware(async (ctx) => {
  const field = newPasswordField[ctx.path];
  if (!field) return;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const password = body[field];
  if (typeof password !== 'string') return;
  const personal = [body['email'], body['name']].filter((v): v is string => typeof v === 'string');
  const verdict = checkPasswordStrength(password, personal);
  if (!verdict.ok) throw new APIError('BAD_REQUEST', { code: 'PASSWORD_TOO_WEAK', message: verdict.message });
});

/**
 * better-auth: email and password, cookie sessions for the site, bearer tokens (the session
 * token, returned in `set-auth-token`) for the desk app. Sign-in is throttled in front of it
 * (security/sign-in-throttle.ts), per account and per address.
 */
export function createAuth({ db, secret, baseURL, trustedOrigins, signUpsPerAddressPerHour = 30, log }: AuthOptions) {
  return betterAuth({
    secret,
    baseURL,
    basePath: '/api/auth',
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: 'sqlite',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: authRateLimits },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'client', input: false },
        // Validated wherever a person sets them (sign-up and update-user).
        timeZone: { type: 'string', required: false, defaultValue: 'UTC', input: true, validator: { input: timeZoneSchema } },
        phone: { type: 'string', required: false, input: true, validator: { input: phoneSchema } },
      },
    },
    hooks: { before: passwordPolicy },
    // In every mode, not only production, and shared by all API processes. Sign-in has its own
    // throttle (failures per account and address); the session check runs on every page view.
    rateLimit: {
      enabled: true,
      storage: 'database',
      customRules: {
        '/sign-in/email': false,
        '/get-session': false,
        '/sign-up/email': { window: 60 * 60, max: signUpsPerAddressPerHour },
      },
    },
    advanced: {
      database: { generateId: () => crypto.randomUUID() },
      // Set by our own middleware for every request (security/client-address.ts), never taken from the caller.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    // Refusals (a wrong password, a weak one, a bad field) are answers, not faults: only errors that
    // are ours reach the log; better-auth's per-attempt warnings ("User not found") stay out of it.
    logger: { level: 'error', ...(log ? { log: (_level: string, message: string) => log.error({ source: 'better-auth' }, message) } : {}) },
    onAPIError: {
      onError: (error) => {
        if (!isAPIError(error) || error.status === 'INTERNAL_SERVER_ERROR')
          log?.error({ source: 'better-auth', err: String(error) }, 'auth request failed');
      },
    },
    telemetry: { enabled: false },
    plugins: [bearer()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
