import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import { accountRoutes } from './accounts.ts';
import { creditNoteRoutes } from './credit-notes.ts';
import { customerRoutes } from './customers.ts';
import { dashboardRoutes } from './dashboard.ts';
import { disputeControlRoutes, disputeRoutes } from './disputes.ts';
import { eventRoutes, paymentRoutes } from './events.ts';
import { hostedInvoiceRoutes } from './hosted-page.ts';
import { addFallback, createStripeHttp } from './http.ts';
import { invoiceActionRoutes } from './invoice-actions.ts';
import { invoiceItemRoutes } from './invoice-items.ts';
import { invoiceRoutes } from './invoices.ts';
import { onboardingRoutes } from './onboarding-page.ts';
import { paymentIntentRoutes } from './payment-intents.ts';
import { payoutControlRoutes, payoutRoutes, runPayoutSchedules } from './payouts.ts';
import { refundRoutes } from './refunds.ts';
import { StripeStore, type StripeChaos } from './store.ts';
import { taxRateRoutes } from './tax-rates.ts';
import { transferRoutes } from './transfers.ts';
import type { RetryPolicy, WebhookEndpoint } from './webhooks.ts';

export { StripeStore, type StripeChaos } from './store.ts';
export { openDispute, closeDispute } from './disputes.ts';
export { payOutNow, runPayoutSchedules, settlePayouts } from './payouts.ts';
export { STRIPE_API_VERSION } from './api-version.ts';
export { signPayload, type Delivery, type WebhookEndpoint, type RetryPolicy } from './webhooks.ts';

export interface StripeEmulatorOptions {
  webhookEndpoints?: WebhookEndpoint[];
  retry?: Partial<RetryPolicy>;
  accountName?: string;
  /** How often automatic payouts are checked (real time; default a minute). */
  payoutIntervalMs?: number;
}

export interface StripeEmulator extends EmulatorModule {
  store: StripeStore;
}

/** The Stripe emulator: `/v1/*` API plus `/_/stripe/*` pages, over one store. */
export function createStripeEmulator(
  opts: StripeEmulatorOptions & { clock: Clock; publicUrl: string; onChange?: () => void },
): StripeEmulator {
  const store = new StripeStore({
    clock: opts.clock,
    publicUrl: opts.publicUrl,
    webhookEndpoints: [...(opts.webhookEndpoints ?? [])],
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.accountName ? { accountName: opts.accountName } : {}),
    ...(opts.onChange ? { onChange: opts.onChange } : {}),
  });
  const { app: api, router } = createStripeHttp(store);
  for (const register of [
    customerRoutes,
    taxRateRoutes,
    invoiceItemRoutes,
    invoiceRoutes,
    invoiceActionRoutes,
    eventRoutes,
    paymentRoutes,
    paymentIntentRoutes,
    refundRoutes,
    creditNoteRoutes,
    accountRoutes,
    transferRoutes,
    payoutRoutes,
    disputeRoutes,
  ]) {
    register(router);
  }
  addFallback(api);
  const app = new Hono();
  app.route('/', api);
  app.route('/', hostedInvoiceRoutes(store));
  app.route('/', dashboardRoutes(store));
  app.route('/', onboardingRoutes(store));
  app.route('/', disputeControlRoutes(store));
  app.route('/', payoutControlRoutes(store));
  app.route('/', chaosRoutes(store));
  // Automatic payouts run as Stripe's do, on each account's schedule (funds wait `delay_days` first).
  const payoutTimer = setInterval(() => runPayoutSchedules(store), opts.payoutIntervalMs ?? 60_000);
  payoutTimer.unref();
  return {
    name: 'stripe',
    app,
    store,
    pages: [{ title: 'Stripe dashboard', href: '/_/stripe', description: 'Invoices, customers, events and webhook deliveries' }],
    snapshot: () => store.snapshot(),
    restore: (data) => store.restore(data),
    close: () => {
      clearInterval(payoutTimer);
      return store.dispatcher.close();
    },
  };
}

const chaosBody = z.object({
  failureRate: z.number().min(0).max(1).optional(),
  failures: z.array(z.enum(['500', '500-after', '429'])).optional(),
  webhookDuplicates: z.number().int().min(0).max(10).optional(),
  webhookShuffleMs: z.number().int().min(0).max(60_000).optional(),
  seed: z.number().int().optional(),
});

/** `GET/POST /_/stripe/chaos`: read or set the fault switches (JSON); `DELETE` turns them off. */
function chaosRoutes(store: StripeStore): Hono {
  const app = new Hono();
  app.get('/_/stripe/chaos', (c) => c.json(store.chaos));
  app.post('/_/stripe/chaos', async (c) => {
    const body = chaosBody.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success) return c.json({ error: body.error.message }, 400);
    const update: Partial<StripeChaos> = {};
    for (const [k, v] of Object.entries(body.data)) if (v !== undefined) (update as Record<string, unknown>)[k] = v;
    return c.json(store.setChaos(update));
  });
  app.delete('/_/stripe/chaos', (c) => c.json(store.setChaos({ failureRate: 0, webhookDuplicates: 0, webhookShuffleMs: 0 })));
  return app;
}
