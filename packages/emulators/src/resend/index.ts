import { Hono } from 'hono';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import { resendApiRoutes, type ResendData, type StoredEmail } from './api.ts';
import { mailboxRoutes } from './pages.ts';
import { createResendWebhooks, type ResendWebhookEndpoint } from './webhooks.ts';

export type { ResendWebhookEndpoint } from './webhooks.ts';

export type { StoredEmail, ResendData } from './api.ts';

export interface ResendEmulator extends EmulatorModule {
  /** Every email sent, oldest first. */
  readonly emails: StoredEmail[];
}

export interface ResendEmulatorOptions {
  /** Webhook endpoints that receive email.sent / delivered / bounced / complained, signed through Svix. */
  webhooks?: ResendWebhookEndpoint[];
  /** Time before each webhook (default 200 ms). */
  webhookDelayMs?: number;
}

export function createResendEmulator(opts: ResendEmulatorOptions & { clock: Clock; onChange?: () => void }): ResendEmulator {
  let data: ResendData = { emails: [], idempotency: {} };
  const app = new Hono();
  const hooks = createResendWebhooks(opts.webhooks ?? [], opts.clock, opts.webhookDelayMs);
  app.route(
    '/',
    resendApiRoutes(
      () => data,
      opts.clock,
      opts.onChange ?? (() => undefined),
      (email) => hooks.sent(email),
    ),
  );
  app.get('/_/mailbox/webhooks', (c) => c.json({ deliveries: hooks.deliveries }));
  app.route(
    '/',
    mailboxRoutes(() => data),
  );
  return {
    name: 'resend',
    app,
    get emails() {
      return data.emails;
    },
    pages: [{ title: 'Mailbox', href: '/_/mailbox', description: 'Emails sent through Resend' }],
    close: () => hooks.close(),
    snapshot: () => data,
    restore: (saved) => {
      if (saved && typeof saved === 'object') data = { emails: [], idempotency: {}, ...(saved as Partial<ResendData>) };
    },
  };
}
