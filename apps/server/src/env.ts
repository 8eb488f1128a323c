import { resolve } from 'node:path';
import { z } from 'zod';
import { SANDBOX_SITE_PROXY_SECRET } from '@handled/client/site-proxy';

/** Public values that make the offline sandbox work out of the box; never acceptable in production. */
export const sandboxSecrets = {
  AUTH_SECRET: 'sandbox-only-secret-change-me-in-production-0123456789',
  BOT_SERVICE_SECRET: 'sandbox-bot-service-secret',
  STRIPE_WEBHOOK_SECRET: 'whsec_sandbox_handled_local_secret',
  CALCOM_WEBHOOK_SECRET: 'sandbox-calcom-webhook-secret',
  SITE_PROXY_SECRET: SANDBOX_SITE_PROXY_SECRET,
  ENCRYPTION_KEY: 'sandbox-only-encryption-key-change-me-0123456789',
} as const;

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * All configuration, validated once. Unset integration keys mean the offline sandbox: the
 * official SDKs talk to the local emulators. Setting the real keys switches each integration.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  AUTH_SECRET: z.string().min(32).default(sandboxSecrets.AUTH_SECRET),
  PUBLIC_API_URL: z.url().default('http://127.0.0.1:8787'),
  WEB_URL: z.url().default('http://127.0.0.1:3000'),
  DESK_URL: z.url().default('http://127.0.0.1:5174'),
  EMULATORS_URL: z.url().default('http://127.0.0.1:8790'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().default(sandboxSecrets.STRIPE_WEBHOOK_SECRET),
  RESEND_API_KEY: z.string().optional(),
  EMAIL_FROM: z.string().default('Handled <bookings@handled.test>'),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  /** Twilio: unset TWILIO_ACCOUNT_SID means the emulator at EMULATORS_URL. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/)
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).default('sandbox-twilio-auth-token-0123456789'),
  TWILIO_FROM: z.string().default('+15005550006'),
  /** Svix secret of the Resend webhook endpoint (Resend's dashboard shows it). */
  RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_').default('whsec_c2FuZGJveC1yZXNlbmQtd2ViaG9vaw=='),
  /** Web push: unset keys are generated on first start and kept in DATA_DIR/vapid.json. */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default('mailto:bookings@handled.test'),
  /** Hours before a confirmed booking that reminders go out, comma-separated. */
  REMINDER_HOURS: z
    .string()
    .default('24,2')
    .transform((v) => v.split(',').map(Number))
    .pipe(
      z
        .array(
          z
            .number()
            .positive()
            .max(24 * 14),
        )
        .min(1),
    ),
  BOT_SERVICE_SECRET: z.string().min(16).default(sandboxSecrets.BOT_SERVICE_SECRET),
  /** Shared with the site's server: only a request carrying it may name the visitor's address. */
  SITE_PROXY_SECRET: z.string().min(16).default(sandboxSecrets.SITE_PROXY_SECRET),
  /** Failed sign-ins allowed per account and per client address within the window, then 429. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: count(10, 10_000),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: count(100, 100_000),
  SIGNIN_WINDOW_MINUTES: count(15, 24 * 60),
  /** Accounts one client address may create per hour. */
  SIGNUP_MAX_PER_ADDRESS_PER_HOUR: count(30, 100_000),
  /** `true`: tRPC errors carry their stack trace (local debugging only; it shows server paths). */
  DEBUG_ERRORS: z.stringbool().default(false),
  /** Cal.com: unset CALCOM_API_URL means the emulator at EMULATORS_URL. */
  CALCOM_API_URL: z.url().optional(),
  CALCOM_APP_URL: z.url().optional(),
  CALCOM_OAUTH_CLIENT_ID: z.string().min(1).default('handled-sandbox'),
  CALCOM_WEBHOOK_SECRET: z.string().min(16).default(sandboxSecrets.CALCOM_WEBHOOK_SECRET),
  CALCOM_SYNC_MINUTES: z.coerce.number().min(0.05).max(1440).default(5),
  CALCOM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  /** AES-256-GCM key for tokens and API keys at rest (64 hex chars or base64 of 32 bytes). */
  CALCOM_ENCRYPTION_KEY: z.string().min(16).optional(),
  ENCRYPTION_KEY: z.string().min(16).optional(),
  /**
   * Where the job queue runs: `process` (default) in a process of its own that the API starts, at a
   * lower CPU priority (JOB_WORKER_NICE) so requests are answered first; `in-process` inside the API;
   * `off` nowhere (another process runs it, e.g. one worker for several API processes).
   */
  JOB_WORKER: z.enum(['process', 'in-process', 'off']).default('process'),
  JOB_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** How often an idle worker looks for due jobs; writes that enqueue jobs wake it at once. */
  JOB_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INVOICE_DAYS_UNTIL_DUE: z.coerce.number().int().min(1).max(30).default(3),
  /** `true`: Stripe Tax computes invoice tax (set it up in the Stripe account first); otherwise per-region rates. */
  STRIPE_AUTOMATIC_TAX: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  REQUEST_TTL_HOURS: z.coerce.number().min(0.1).max(168).default(24),
  /** Private uploads and receipts go to S3-compatible storage when a bucket is set; else DATA_DIR/uploads. */
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.url().default('https://s3.amazonaws.com'),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(true),
  S3_PREFIX: z.string().default(''),
  UPLOAD_MAX_MB: z.coerce.number().min(1).max(100).default(10),
});

export type Env = z.infer<typeof schema> & {
  databaseUrl: string;
  sandbox: { stripe: boolean; email: boolean; telegram: boolean; calcom: boolean; sms: boolean };
  calcom: { apiUrl: string; appUrl: string; encryptionKey: string };
  stripeSecretKey: string;
  telegramToken: string;
};

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const problems = productionSecretProblems(source);
    if (problems.length) {
      throw new Error(`Refusing to start in production with public or missing secrets:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }
  return {
    ...e,
    databaseUrl: e.DATABASE_URL ?? `file:${resolve(e.DATA_DIR, 'handled.db')}`,
    sandbox: {
      stripe: !e.STRIPE_SECRET_KEY,
      email: !e.RESEND_API_KEY,
      telegram: !e.TELEGRAM_BOT_TOKEN,
      calcom: !e.CALCOM_API_URL,
      sms: !e.TWILIO_ACCOUNT_SID,
    },
    calcom: {
      apiUrl: e.CALCOM_API_URL ?? e.EMULATORS_URL,
      appUrl: e.CALCOM_APP_URL ?? (e.CALCOM_API_URL ? 'https://app.cal.com' : e.EMULATORS_URL),
      encryptionKey: e.CALCOM_ENCRYPTION_KEY ?? e.ENCRYPTION_KEY ?? sandboxSecrets.ENCRYPTION_KEY,
    },
    stripeSecretKey: e.STRIPE_SECRET_KEY ?? 'sk_test_handled_sandbox',
    telegramToken: e.TELEGRAM_BOT_TOKEN ?? '123456:sandbox-handled-bot-token',
  };
}

/**
 * The secrets that must be set, and not to the sandbox's public values, before the server runs in
 * production. Each problem names the variable.
 */
export function productionSecretProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const check = (name: keyof typeof sandboxSecrets, value: string | undefined, shownAs: string = name) => {
    if (!value) problems.push(`${shownAs} is not set`);
    else if (value === sandboxSecrets[name]) problems.push(`${shownAs} is the public sandbox default`);
  };
  check('AUTH_SECRET', source.AUTH_SECRET);
  check('BOT_SERVICE_SECRET', source.BOT_SERVICE_SECRET);
  check('SITE_PROXY_SECRET', source.SITE_PROXY_SECRET);
  check('STRIPE_WEBHOOK_SECRET', source.STRIPE_WEBHOOK_SECRET);
  check('CALCOM_WEBHOOK_SECRET', source.CALCOM_WEBHOOK_SECRET);
  check('ENCRYPTION_KEY', source.CALCOM_ENCRYPTION_KEY || source.ENCRYPTION_KEY, 'ENCRYPTION_KEY (or CALCOM_ENCRYPTION_KEY)');
  return problems;
}
