import { Api, GrammyError, InlineKeyboard } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';

export interface TelegramButton {
  text: string;
  data?: string;
  url?: string;
}

export interface TelegramBotInfo {
  /** Without the @: what t.me/<username> links open. */
  username: string;
  /** The bot's display name. */
  name: string;
}

export interface TelegramSender {
  send(chatId: string, html: string, buttons?: TelegramButton[][]): Promise<{ messageId: number }>;
  /** Who the bot is (Telegram's getMe), asked once per process and kept. */
  botInfo(): Promise<TelegramBotInfo>;
}

/** A send Telegram refused for good (chat not found, bot blocked): retrying cannot help. */
export class TelegramRefused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
  /** The person blocked the bot or deleted the chat: the link should be dropped. */
  get chatGone(): boolean {
    return this.code === 403;
  }
}

export interface TelegramConfig {
  token: string;
  /** The Bot API emulator's origin in the offline sandbox; unset for api.telegram.org. */
  apiRoot?: string;
}

export function toKeyboard(rows: TelegramButton[][]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const row of rows) {
    for (const b of row) {
      if (b.url) kb.url(b.text, b.url);
      else kb.text(b.text, b.data ?? b.text);
    }
    kb.row();
  }
  return kb;
}

/** Sends from the server side (notifications); the bot process handles what people press. */
export function createTelegramSender(config: TelegramConfig): TelegramSender {
  const api = new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : undefined);
  // Telegram's limits (30 messages a second, one a second per chat): sends are spaced, and a 429's
  // retry_after or a 5xx is waited out within the job; longer outages fall back to the job's own retries.
  api.config.use(apiThrottler());
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  // The bot's name does not change while we run; a failed ask is not kept, so the next one tries again.
  let me: Promise<TelegramBotInfo> | null = null;
  return {
    botInfo() {
      me ??= api.getMe().then(
        (u) => ({ username: u.username, name: u.first_name }),
        (e: unknown) => {
          me = null;
          throw e;
        },
      );
      return me;
    },
    async send(chatId, html, buttons) {
      try {
        const msg = await api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(buttons ? { reply_markup: toKeyboard(buttons) } : {}),
        });
        return { messageId: msg.message_id };
      } catch (e) {
        if (e instanceof GrammyError && (e.error_code === 400 || e.error_code === 403))
          throw new TelegramRefused(e.error_code, e.description);
        throw e;
      }
    },
  };
}
