import type { Clock } from '../shared/emulator.ts';
import type { BotState, ChatState, TelegramData, TgUpdate, TgUser } from './types.ts';

export class TelegramError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

export interface BotConfig {
  token: string;
  username?: string;
  firstName?: string;
}

const TOKEN = /^(\d+):[A-Za-z0-9_-]+$/;

/** Which kind of update an update is, for `allowed_updates`. */
const kindOf = (u: TgUpdate): string => Object.keys(u).find((k) => k !== 'update_id') ?? 'message';

/**
 * Bots (by id), their pending updates, and the chats people have with them. Long polls wait
 * on `waiters`; a webhook, when set, receives updates instead.
 */
export class TelegramStore {
  data: TelegramData = { bots: {}, chats: {} };
  private waiters = new Map<number, Set<() => void>>();
  private pushing = new Set<number>();
  private closed = false;
  private lastActiveBot: number | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly configured: BotConfig[],
    private readonly onChange: () => void,
    private readonly retryDelayMs = 1000,
  ) {
    for (const bot of configured) this.register(bot);
  }

  now(): number {
    return Math.floor(this.clock() / 1000);
  }

  changed(): void {
    this.onChange();
  }

  private register(cfg: BotConfig): BotState {
    const match = TOKEN.exec(cfg.token);
    if (!match) throw new Error(`Invalid bot token: ${cfg.token}`);
    const id = Number(match[1]);
    const existing = this.data.bots[id];
    if (existing) return existing;
    const bot: BotState = {
      token: cfg.token,
      user: { id, is_bot: true, first_name: cfg.firstName ?? 'Handled Bot', username: cfg.username ?? `handled_${id}_bot` },
      nextUpdateId: 1 + Math.floor(Math.random() * 100_000) * 1000,
      updates: [],
      allowedUpdates: null,
      commands: {},
      webhook: null,
    };
    this.data.bots[id] = bot;
    return bot;
  }

  /** The bot a token names: configured bots only when some are configured, else any well-formed token. */
  botForToken(token: string): BotState {
    const match = TOKEN.exec(token);
    const known = match ? this.data.bots[Number(match[1])] : undefined;
    if (known && known.token === token) return this.touch(known);
    if (!match || this.configured.length > 0 || known) throw new TelegramError(401, 'Unauthorized');
    return this.touch(this.register({ token }));
  }

  private touch(bot: BotState): BotState {
    this.lastActiveBot = bot.user.id;
    return bot;
  }

  /** The bot the control API and pages talk to when none is named. */
  defaultBot(botId?: string | number | null): BotState {
    const id = botId
      ? Number(botId)
      : (this.lastActiveBot ?? this.configured.map((c) => Number(c.token.split(':')[0]))[0] ?? Number(Object.keys(this.data.bots)[0]));
    const bot = id !== undefined ? this.data.bots[id] : undefined;
    if (!bot) throw new TelegramError(404, 'No bot has connected to the emulator yet');
    return bot;
  }

  chatKey(botId: number, chatId: number): string {
    return `${botId}:${chatId}`;
  }

  chat(botId: number, chatId: number): ChatState | undefined {
    return this.data.chats[this.chatKey(botId, chatId)];
  }

  /** A private chat with a person, created on their first message. */
  ensureChat(botId: number, chatId: number, from?: Partial<TgUser>): ChatState {
    const key = this.chatKey(botId, chatId);
    const existing = this.data.chats[key];
    if (existing) return existing;
    const user: TgUser = { is_bot: false, first_name: 'Test', username: `user${chatId}`, language_code: 'en', ...from, id: chatId };
    const chat: ChatState = {
      botId,
      chat: {
        id: chatId,
        type: 'private',
        first_name: user.first_name,
        ...(user.last_name ? { last_name: user.last_name } : {}),
        ...(user.username ? { username: user.username } : {}),
      },
      user,
      nextMessageId: 1,
      log: [],
      callbackAnswers: [],
      pendingQueries: {},
      lastAction: null,
    };
    this.data.chats[key] = chat;
    return chat;
  }

  newQueryId(): string {
    return `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  }

  /** Queues an update and wakes long polls (or pushes it to the webhook). */
  addUpdate(bot: BotState, update: Omit<TgUpdate, 'update_id'>): TgUpdate {
    const full = { update_id: bot.nextUpdateId++, ...update } as TgUpdate;
    bot.updates.push(full);
    this.changed();
    for (const wake of this.waiters.get(bot.user.id) ?? []) wake();
    if (bot.webhook) void this.push(bot);
    return full;
  }

  /** Confirms updates below `offset` and returns what is left that the bot asked for. */
  takeUpdates(bot: BotState, offset: number | undefined, limit: number): TgUpdate[] {
    if (offset !== undefined && offset > 0) bot.updates = bot.updates.filter((u) => u.update_id >= offset);
    if (offset !== undefined && offset < 0) bot.updates = bot.updates.slice(offset);
    const allowed = bot.allowedUpdates;
    const wanted = allowed && allowed.length ? bot.updates.filter((u) => allowed.includes(kindOf(u))) : bot.updates;
    return wanted.slice(0, limit);
  }

  /** Waits up to `seconds` for a new update (or until the client goes away). */
  wait(bot: BotState, seconds: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(bot.user.id) ?? new Set();
      this.waiters.set(bot.user.id, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, seconds * 1000);
      signal.addEventListener('abort', done);
      set.add(done);
    });
  }

  /** Pushes pending updates to the bot's webhook one at a time; failures are retried. */
  private async push(bot: BotState): Promise<void> {
    if (this.pushing.has(bot.user.id)) return;
    this.pushing.add(bot.user.id);
    try {
      while (bot.webhook && bot.updates.length && !this.closed) {
        const update = bot.updates[0]!;
        const hook = bot.webhook;
        const ok = await fetch(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(hook.secretToken ? { 'x-telegram-bot-api-secret-token': hook.secretToken } : {}),
          },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(10_000),
        }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) {
          bot.updates.shift();
          this.changed();
        } else {
          await new Promise((r) => setTimeout(r, this.retryDelayMs));
        }
      }
    } finally {
      this.pushing.delete(bot.user.id);
    }
  }

  resumeWebhook(bot: BotState): void {
    if (bot.webhook) void this.push(bot);
  }

  close(): void {
    this.closed = true;
    for (const set of this.waiters.values()) for (const wake of set) wake();
  }

  restore(saved: unknown): void {
    if (saved && typeof saved === 'object') this.data = { bots: {}, chats: {}, ...(saved as Partial<TelegramData>) };
    for (const cfg of this.configured) this.register(cfg);
    for (const bot of Object.values(this.data.bots)) this.resumeWebhook(bot);
  }
}
