import pino from 'pino';
import { skippingErased, type ServiceDeps } from '@handled/api';
import { createDb, prepareDb, systemNow } from '@handled/db';
import { createStripeClient } from '@handled/integrations/stripe';
import { createResendSender } from '@handled/integrations/email';
import { createTelegramSender } from '@handled/integrations/telegram';
import { createCalcomPort } from '@handled/integrations/calcom';
import { createTwilioSender, sandboxTwilioAccountSid } from '@handled/integrations/sms';
import { createWebPushSender, vapidKeysFromFile } from '@handled/integrations/push';
import { createSecretBox } from '@handled/integrations/crypto';
import { resolve } from 'node:path';
import { createLocalStorage, createS3Storage } from '@handled/api/files';
import type { Env } from './env.ts';
import { createPasswordCheck } from './password-check.ts';

export function createLogger(level: Env['LOG_LEVEL']) {
  return pino({
    level,
    // Secrets never reach the logs, whatever a caller passes.
    redact: {
      paths: ['*.password', '*.token', '*.secret', '*.authorization', '*.cookie', 'headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
  });
}

/** Builds the real dependencies from the environment: sandbox emulators unless real keys are set. */
export async function createDeps(env: Env, log = createLogger(env.LOG_LEVEL)): Promise<ServiceDeps> {
  const db = createDb({ url: env.databaseUrl, ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}) });
  await prepareDb(db);
  const stripe = createStripeClient({
    secretKey: env.stripeSecretKey,
    ...(env.sandbox.stripe ? { emulatorUrl: env.EMULATORS_URL } : {}),
  });
  // Someone who deleted their account is never mailed again, whichever job asks.
  const email = skippingErased(
    createResendSender({
      apiKey: env.RESEND_API_KEY ?? 're_sandbox_handled',
      from: env.EMAIL_FROM,
      ...(env.sandbox.email ? { baseUrl: env.EMULATORS_URL } : {}),
    }),
  );
  const telegram = createTelegramSender({
    token: env.telegramToken,
    ...(env.sandbox.telegram ? { apiRoot: env.EMULATORS_URL } : {}),
  });
  // Texts: the emulator's sandbox account unless a real Twilio account is set; statuses come back signed.
  const sms = createTwilioSender({
    accountSid: env.TWILIO_ACCOUNT_SID ?? sandboxTwilioAccountSid,
    authToken: env.TWILIO_AUTH_TOKEN,
    from: env.TWILIO_FROM,
    statusCallback: `${env.PUBLIC_API_URL}/webhooks/twilio/status`,
    ...(env.sandbox.sms ? { emulatorUrl: env.EMULATORS_URL } : {}),
  });
  const push = createWebPushSender(
    env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
      ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY }
      : vapidKeysFromFile(resolve(env.DATA_DIR, 'vapid.json')),
    env.VAPID_SUBJECT,
  );
  const storage = env.S3_BUCKET
    ? createS3Storage({
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        prefix: env.S3_PREFIX,
      })
    : createLocalStorage(resolve(env.DATA_DIR, 'uploads'));
  const calcom = createCalcomPort(
    {
      apiUrl: env.calcom.apiUrl,
      appUrl: env.calcom.appUrl,
      oauthClientId: env.CALCOM_OAUTH_CLIENT_ID,
      redirectUri: `${env.PUBLIC_API_URL}/oauth/calcom/callback`,
      webhookUrl: `${env.PUBLIC_API_URL}/webhooks/calcom`,
      webhookSecret: env.CALCOM_WEBHOOK_SECRET,
      syncIntervalMin: env.CALCOM_SYNC_MINUTES,
      timeoutMs: env.CALCOM_TIMEOUT_MS,
      ...(env.sandbox.calcom ? { sandboxPage: new URL('/_/calcom', env.calcom.appUrl).toString() } : {}),
    },
    createSecretBox(env.calcom.encryptionKey),
  );
  return {
    db,
    now: systemNow,
    calcom,
    storage,
    stripe,
    email,
    telegram,
    sms,
    push,
    log,
    passwords: createPasswordCheck(db),
    config: {
      webUrl: env.WEB_URL,
      deskUrl: env.DESK_URL,
      apiUrl: env.PUBLIC_API_URL,
      invoiceDaysUntilDue: env.INVOICE_DAYS_UNTIL_DUE,
      stripeAutomaticTax: env.STRIPE_AUTOMATIC_TAX,
      requestTtlHours: env.REQUEST_TTL_HOURS,
      debugErrors: env.DEBUG_ERRORS,
      signingSecret: env.AUTH_SECRET,
      reminderHours: env.REMINDER_HOURS,
    },
  };
}
