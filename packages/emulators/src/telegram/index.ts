import { Hono } from 'hono';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import { botApiRoutes } from './api.ts';
import { controlRoutes } from './control.ts';
import { TelegramStore, type BotConfig } from './store.ts';

export { TelegramStore, type BotConfig } from './store.ts';
export { personSends, personPresses } from './people.ts';

export interface TelegramEmulatorOptions {
  /** When set, only these tokens are accepted; otherwise any well-formed token is a bot. */
  bots?: BotConfig[];
  /** Delay between webhook push retries. */
  webhookRetryMs?: number;
}

export interface TelegramEmulator extends EmulatorModule {
  store: TelegramStore;
}

export function createTelegramEmulator(opts: TelegramEmulatorOptions & { clock: Clock; onChange?: () => void }): TelegramEmulator {
  const store = new TelegramStore(opts.clock, opts.bots ?? [], opts.onChange ?? (() => undefined), opts.webhookRetryMs);
  const app = new Hono();
  app.route('/', botApiRoutes(store));
  app.route('/', controlRoutes(store));
  return {
    name: 'telegram',
    app,
    store,
    pages: [{ title: 'Telegram chats', href: '/_/telegram', description: 'Talk to the bot as a person: type, press buttons' }],
    snapshot: () => store.data,
    restore: (data) => store.restore(data),
    close: () => store.close(),
  };
}
