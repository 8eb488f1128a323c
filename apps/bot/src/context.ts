import { Context } from 'grammy';
import type { Api, RawApi } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { ApiClient } from '@handled/client';
import type { BotSession } from './lib/session.ts';

/** What the bot logs through; pino and console both fit. */
export interface BotLogger {
  info(data: object, msg: string): void;
  error(data: object, msg: string): void;
}

export interface BotConfig {
  /** The client site's origin, for links in messages. */
  webUrl: string;
}

export type ApiForChat = (chatId: string) => ApiClient;

/** One API client per update, made on first use (kept off the class so grammY's narrowed types keep it). */
const clients = new WeakMap<object, ApiClient>();

/**
 * The bot's context: grammY's, plus the Handled API acting as whoever is linked to this chat.
 * Nothing about the person is kept in the bot process; every update asks the API.
 */
export class BotContext extends Context {
  /** The chat's flow state (lazy grammY session kept in libSQL through the API): always `await` it. */
  declare session: BotSession | Promise<BotSession>;

  constructor(
    update: Update,
    api: Api<RawApi>,
    me: UserFromGetMe,
    readonly config: BotConfig,
    readonly log: BotLogger,
    readonly apiFor: ApiForChat,
  ) {
    super(update, api, me);
  }

  /** The Handled API as the chat's linked user (the server resolves the chat id to the person). */
  get handled(): ApiClient {
    const chatId = this.chatId;
    if (chatId === undefined) throw new Error('This update has no chat to act for');
    let client = clients.get(this);
    if (!client) clients.set(this, (client = this.apiFor(String(chatId))));
    return client;
  }
}

export function createContextConstructor(deps: { api: ApiForChat; config: BotConfig; log: BotLogger }) {
  return class extends BotContext {
    constructor(update: Update, api: Api<RawApi>, me: UserFromGetMe) {
      super(update, api, me, deps.config, deps.log, deps.api);
    }
  };
}
