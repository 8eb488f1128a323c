import { Hono } from 'hono';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import { twilioApiRoutes, type SmsMessage, type TwilioData } from './api.ts';
import { smsLogRoutes } from './pages.ts';

export type { SmsMessage, TwilioData } from './api.ts';
export { twilioSignature } from './signature.ts';

export interface TwilioEmulatorOptions {
  /** AccountSid → AuthToken; when omitted any `AC…` account with any token is accepted (and remembered). */
  accounts?: Record<string, string>;
  /** Time between queued → sent → delivered. */
  deliveryDelayMs?: number;
}

export interface TwilioEmulator extends EmulatorModule {
  readonly messages: SmsMessage[];
  readonly data: TwilioData;
}

export function createTwilioEmulator(opts: TwilioEmulatorOptions & { clock: Clock; onChange?: () => void }): TwilioEmulator {
  let data: TwilioData = { messages: [], tokens: { ...opts.accounts }, callbacks: [] };
  const api = twilioApiRoutes(() => data, {
    clock: opts.clock,
    ...(opts.accounts ? { accounts: opts.accounts } : {}),
    ...(opts.deliveryDelayMs !== undefined ? { deliveryDelayMs: opts.deliveryDelayMs } : {}),
    onChange: opts.onChange ?? (() => undefined),
  });
  const app = new Hono();
  app.route('/', api.app);
  app.route(
    '/',
    smsLogRoutes(() => data),
  );
  return {
    name: 'twilio',
    app,
    get messages() {
      return data.messages;
    },
    get data() {
      return data;
    },
    pages: [{ title: 'SMS log', href: '/_/sms', description: 'Text messages sent through Twilio' }],
    snapshot: () => data,
    restore: (saved) => {
      if (saved && typeof saved === 'object') data = { messages: [], tokens: {}, callbacks: [], ...(saved as Partial<TwilioData>) };
    },
    close: () => api.close(),
  };
}
