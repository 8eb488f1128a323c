import type Stripe from 'stripe';
import type { Db } from '@handled/db';
import type { EmailSender } from '@handled/integrations/email';
import type { TelegramSender } from '@handled/integrations/telegram';
import type { SmsSender } from '@handled/integrations/sms';
import type { PushSender } from '@handled/integrations/push';
import type { CalcomPort } from '@handled/integrations/calcom';
import type { FileStorage } from './attachments/storage.ts';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AppConfig {
  /** Where clients open the site (links in emails and the bot). */
  webUrl: string;
  /** Where providers open the desk app in a browser. */
  deskUrl: string;
  /** The API's public address: its /open page hands a link to the desk app (Telegram buttons take only web links). */
  apiUrl?: string;
  /** Days the client has to pay an invoice, bounded by the service date. */
  invoiceDaysUntilDue: number;
  /** Hours an unanswered request waits before it expires. */
  requestTtlHours: number;
  /** Stripe Tax computes invoice tax (needs Stripe Tax set up); otherwise our per-region rates. */
  stripeAutomaticTax?: boolean;
  /** tRPC errors carry their stack trace (DEBUG_ERRORS; local debugging only). */
  debugErrors?: boolean;
  /** Signs unsubscribe links in emails (the server passes AUTH_SECRET). */
  signingSecret?: string;
  /** Hours before a confirmed booking's start that reminders go out (default 24 and 2). */
  reminderHours?: number[];
}

/** Checks a person's password (better-auth keeps the hashes) before something that cannot be undone. */
export interface PasswordCheck {
  verify(userId: string, password: string): Promise<boolean>;
}

export interface ServiceDeps {
  db: Db;
  now: () => Date;
  stripe: Stripe;
  email: EmailSender;
  telegram: TelegramSender | null;
  /** Text messages (Twilio; the emulator in the sandbox); absent: no SMS. */
  sms?: SmsSender;
  /** Web push with the VAPID keys; absent: no push. */
  push?: PushSender;
  /** Cal.com sync; absent when the server runs without it (providers keep availability in the app). */
  calcom?: CalcomPort;
  config: AppConfig;
  log: Logger;
  /** Private files: booking photos and receipts (local disk, or S3-compatible when configured). */
  storage: FileStorage;
  /** Password checks for deleting an account; without it such requests are refused. */
  passwords?: PasswordCheck;
}
