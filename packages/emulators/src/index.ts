import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { html, layout } from './shared/html.ts';
import { systemClock, type Clock, type EmulatorModule, type HumanPage } from './shared/emulator.ts';
import { FaultInjector } from './shared/faults.ts';
import { createPersistence, type Persistence } from './shared/persistence.ts';
import { createStripeEmulator, type StripeEmulatorOptions, type StripeStore } from './stripe/index.ts';
import { createResendEmulator, type ResendEmulator, type ResendEmulatorOptions } from './resend/index.ts';
import { createTwilioEmulator, type TwilioEmulator, type TwilioEmulatorOptions } from './twilio/index.ts';
import { createPushEmulator } from './push/index.ts';
import { createTelegramEmulator, type TelegramEmulatorOptions, type TelegramStore } from './telegram/index.ts';
import { createCalcomEmulator, type CalcomEmulatorOptions, type CalcomStore } from './calcom/index.ts';

export type { EmulatorModule, HumanPage, Clock } from './shared/emulator.ts';
export { FaultInjector, type Fault, type FaultInput } from './shared/faults.ts';
export {
  STRIPE_API_VERSION,
  signPayload,
  createStripeEmulator,
  type Delivery,
  type WebhookEndpoint,
  type StripeStore,
} from './stripe/index.ts';
export { createTelegramEmulator, personSends, personPresses, type TelegramStore } from './telegram/index.ts';
export { createResendEmulator, type StoredEmail } from './resend/index.ts';
export { createTwilioEmulator, twilioSignature, type SmsMessage } from './twilio/index.ts';
export { createCalcomEmulator, CalcomStore, SANDBOX_API_KEY } from './calcom/index.ts';

export interface EmulatorsOptions {
  /** Base URL used in links (hosted invoice URLs, …). Defaults to the listening address. */
  publicUrl?: string;
  stripe?: StripeEmulatorOptions;
  telegram?: TelegramEmulatorOptions;
  twilio?: TwilioEmulatorOptions;
  resend?: ResendEmulatorOptions;
  calcom?: CalcomEmulatorOptions;
  /** When given, state is loaded from and saved to this JSON file (debounced). */
  dataFile?: string;
  clock?: Clock;
}

export interface Emulators {
  app: Hono;
  stripe: StripeStore;
  telegram: TelegramStore;
  resend: ResendEmulator;
  twilio: TwilioEmulator;
  /** A web push service with test devices (`/_/push`). */
  push: ReturnType<typeof createPushEmulator>;
  calcom: CalcomStore;
  /** Injected failures for any emulator path (also `POST /_/faults`). */
  faults: FaultInjector;
  /** Adds another emulator (e.g. Cal.com's `/v2/*`) to the same app, with its pages on the index. */
  mount(module: EmulatorModule): void;
  /** Writes pending state to the data file now. */
  flush(): void;
  close(): Promise<void>;
}

/** Builds every emulator on one Hono app; nothing listens until `startEmulators`. */
export function createEmulators(opts: EmulatorsOptions = {}): Emulators {
  const clock = opts.clock ?? systemClock;
  const publicUrl = opts.publicUrl ?? 'http://127.0.0.1:8790';
  const modules: EmulatorModule[] = [];
  let persistence: Persistence | undefined;
  const onChange = () => persistence?.schedule();

  const app = new Hono();
  const faults = new FaultInjector();
  app.use('*', faults.middleware());
  app.route('/', faults.routes());
  app.get('/_', (c) => c.redirect('/_/'));
  app.get('/_/', (c) => {
    const pages: HumanPage[] = modules.flatMap((m) => m.pages);
    return c.html(
      layout(
        'Emulators',
        html`<h1>Local emulators</h1>
          <div class="card">
            <ul>
              ${pages.map((p) => html`<li><a href="${p.href}">${p.title}</a>${p.description ? html` <span class="muted">— ${p.description}</span>` : ''}</li>`)}
            </ul>
          </div>`,
      ),
    );
  });
  app.get('/_/health', (c) => c.json({ ok: true, emulators: modules.map((m) => m.name) }));

  let saved: Record<string, unknown> | undefined;
  const mount = (module: EmulatorModule) => {
    modules.push(module);
    app.route('/', module.app);
    // Modules mounted after start-up still get their saved state.
    if (saved?.[module.name] !== undefined) module.restore?.(saved[module.name]);
  };

  const stripe = createStripeEmulator({ ...opts.stripe, clock, publicUrl, onChange });
  mount(stripe);
  const telegram = createTelegramEmulator({ ...opts.telegram, clock, onChange });
  mount(telegram);
  const resend = createResendEmulator({ ...opts.resend, clock, onChange });
  mount(resend);
  const twilio = createTwilioEmulator({ ...opts.twilio, clock, onChange });
  mount(twilio);
  const calcom = createCalcomEmulator({ ...opts.calcom, clock, faults, onChange });
  mount(calcom);
  const push = createPushEmulator({ clock, publicUrl, onChange });
  mount(push);

  if (opts.dataFile) {
    persistence = createPersistence(opts.dataFile, () =>
      Object.fromEntries(modules.filter((m) => m.snapshot).map((m) => [m.name, m.snapshot?.()])),
    );
    saved = persistence.load();
    for (const m of modules) if (saved?.[m.name] !== undefined) m.restore?.(saved[m.name]);
  }

  return {
    app,
    faults,
    stripe: stripe.store,
    telegram: telegram.store,
    resend,
    twilio,
    push,
    calcom: calcom.store,
    mount,
    flush: () => persistence?.flush(),
    async close() {
      for (const m of modules) await m.close?.();
      persistence?.flush();
    },
  };
}

export interface StartOptions extends EmulatorsOptions {
  port?: number;
  host?: string;
}

export interface RunningEmulators {
  url: string;
  emulators: Emulators;
  close(): Promise<void>;
}

/** Starts the emulators on one port (default 127.0.0.1:8790; port 0 picks a free one). */
export async function startEmulators(opts: StartOptions = {}): Promise<RunningEmulators> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8790;
  // The public URL must be known before the app is built; with port 0 we learn it after listening.
  let resolvedUrl = opts.publicUrl;
  const emulators = createEmulators({ ...opts, publicUrl: opts.publicUrl ?? `http://${host}:${port}` });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: emulators.app.fetch, hostname: host, port }, () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  resolvedUrl ??= `http://${host}:${address.port}`;
  emulators.stripe.setPublicUrl(resolvedUrl);
  return {
    url: resolvedUrl,
    emulators,
    async close() {
      await emulators.close();
      await new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
