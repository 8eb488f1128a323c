import { Hono } from 'hono';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import { resendApiRoutes, type ResendData, type StoredEmail } from './api.ts';
import { mailboxRoutes } from './pages.ts';

export type { StoredEmail, ResendData } from './api.ts';

export interface ResendEmulator extends EmulatorModule {
  /** Every email sent, oldest first. */
  readonly emails: StoredEmail[];
}

export function createResendEmulator(opts: { clock: Clock; onChange?: () => void }): ResendEmulator {
  let data: ResendData = { emails: [], idempotency: {} };
  const app = new Hono();
  app.route(
    '/',
    resendApiRoutes(() => data, opts.clock, opts.onChange ?? (() => undefined)),
  );
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
    snapshot: () => data,
    restore: (saved) => {
      if (saved && typeof saved === 'object') data = { emails: [], idempotency: {}, ...(saved as Partial<ResendData>) };
    },
  };
}
