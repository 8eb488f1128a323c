import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { bearer } from 'better-auth/plugins';
import { CLIENT_ADDRESS_HEADER } from '@handled/client/site-proxy';
import { timeZoneSchema } from '@handled/core/availability';
import { phoneSchema } from '@handled/core/schemas';
import { resetPasswordEmail, verificationEmail, type Logger } from '@handled/api';
import type { EmailMessage, EmailSender } from '@handled/integrations/email';
import type { Db } from '@handled/db';
import { eq } from 'drizzle-orm';
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
  /** Sends the verification and password-reset emails (Resend, or its emulator in the sandbox). */
  email?: EmailSender;
  /** The site: links in those emails open there (it passes /api/auth through to us, cookies and all). */
  webUrl?: string;
}

/** A session lasts 30 days from its last refresh; better-auth refreshes it when used a day or more after that. */
export const SESSION_EXPIRES_IN_S = 60 * 60 * 24 * 30;
export const SESSION_UPDATE_AGE_S = 60 * 60 * 24;

/** Whether a verification token is for a new address (better-auth's change-email flow names it `updateTo`). */
function isEmailChange(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { updateTo?: unknown };
    return typeof payload.updateTo === 'string';
  } catch {
    return false;
  }
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
export function createAuth({ db, secret, baseURL, trustedOrigins, signUpsPerAddressPerHour = 30, log, email, webUrl }: AuthOptions) {
  const site = (webUrl ?? baseURL).replace(/\/$/, '');
  const authBase = `${baseURL.replace(/\/$/, '')}/api/auth`;
  // Links open on the site, which passes /api/auth/* to us: the session cookie lands where the person is.
  const onSite = (url: string) => (url.startsWith(authBase) ? `${site}/api/auth${url.slice(authBase.length)}` : url);
  const send = async (message: EmailMessage) => {
    if (!email) throw new APIError('SERVICE_UNAVAILABLE', { message: 'Email is not set up on this server.' });
    try {
      await email.send(message);
    } catch (e) {
      log?.error({ source: 'better-auth', err: e instanceof Error ? e.message : String(e) }, 'account email failed');
      throw new APIError('SERVICE_UNAVAILABLE', {
        code: 'EMAIL_NOT_SENT',
        message: 'We could not send the email just now. Please try again in a minute.',
      });
    }
  };
  return betterAuth({
    secret,
    baseURL,
    basePath: '/api/auth',
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: 'sqlite',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: authRateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      autoSignIn: true,
      // The reset link opens the site's page with the token; the site sends the new password to /reset-password.
      sendResetPassword: ({ user, token }) => send(resetPasswordEmail(user, `${site}/reset-password?token=${encodeURIComponent(token)}`)),
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
    },
    // Sign-up sends a link; following it verifies the address (and signs in there). Booking does not wait for it.
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60,
      sendVerificationEmail: ({ user, url, token }) => send(verificationEmail(user, onSite(url), isEmailChange(token))),
    },
    // Reset and delete-account tokens are kept as their hash: the table alone gives nobody a way in.
    verification: { storeIdentifier: 'hashed' },
    // freshAge 0: listing one's sessions needs no recent sign-in; what cannot be undone asks for the password instead.
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S, freshAge: 0 },
    user: {
      // A new address is used once the link sent to it is followed.
      changeEmail: { enabled: true },
      // Accounts are deleted by account.deleteAccount: the person is erased, their bookings and ledger stay.
      deleteUser: { enabled: false },
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'client', input: false },
        alsoClient: { type: 'boolean', required: false, defaultValue: false, input: false },
        // Validated wherever a person sets them (sign-up and update-user).
        timeZone: { type: 'string', required: false, defaultValue: 'UTC', input: true, validator: { input: timeZoneSchema } },
        phone: { type: 'string', required: false, input: true, validator: { input: phoneSchema } },
        // The language notifications and account emails are written in (set through account.updateProfile).
        language: { type: 'string', required: false, defaultValue: 'en', input: false },
      },
    },
    hooks: { before: passwordPolicy },
    // A person an operator suspended (issue 18) gets no new session; their old ones were deleted then.
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const [u] = await db.select({ suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, session.userId)).limit(1);
            if (u?.suspendedAt)
              throw new APIError('FORBIDDEN', {
                code: 'ACCOUNT_SUSPENDED',
                message: 'This account is suspended. Write to support@handled.test to talk about it.',
              });
          },
        },
      },
    },
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
