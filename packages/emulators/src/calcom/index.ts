import { Hono } from 'hono';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import type { FaultInjector } from '../shared/faults.ts';
import { apiRoutes, defaultRateLimit, type RateLimit } from './api.ts';
import { controlRoutes } from './control.ts';
import { oauthRoutes } from './oauth.ts';
import { CalcomStore, SANDBOX_API_KEY } from './store.ts';

export { CalcomStore, SANDBOX_API_KEY } from './store.ts';
export type { RateLimit } from './api.ts';

export interface CalcomEmulatorOptions {
  rateLimit?: Partial<RateLimit>;
  /** Lifetime of OAuth access tokens (Cal.com: 30 minutes). */
  accessTokenTtlSec?: number;
  /** Create the demo account (Sam, with SANDBOX_API_KEY) on an empty store; default true. */
  seedDemo?: boolean;
}

export interface CalcomEmulator extends EmulatorModule {
  store: CalcomStore;
}

export function createCalcomEmulator(
  opts: CalcomEmulatorOptions & { clock: Clock; faults: FaultInjector; onChange?: () => void },
): CalcomEmulator {
  const store = new CalcomStore({
    clock: opts.clock,
    onChange: opts.onChange ?? (() => undefined),
    accessTokenTtlSec: opts.accessTokenTtlSec ?? 1800,
  });
  store.rateLimit = { ...defaultRateLimit, ...opts.rateLimit };
  if (opts.seedDemo !== false)
    store.createUser({
      username: 'sam-okafor',
      email: 'sam@demo.handled.test',
      name: 'Sam Okafor',
      timeZone: 'America/New_York',
      apiKey: SANDBOX_API_KEY,
    });
  const app = new Hono();
  app.route('/', oauthRoutes(store));
  app.route('/', apiRoutes(store));
  app.route('/', controlRoutes(store, opts.faults));
  return {
    name: 'calcom',
    app,
    store,
    pages: [{ title: 'Cal.com', href: '/_/calcom', description: 'Schedules, calendar events and bookings; faults and lost webhooks' }],
    snapshot: () => store.data,
    restore: (data) => store.restore(data),
    close: () => store.idle(),
  };
}
