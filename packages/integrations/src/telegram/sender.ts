import { Api, InlineKeyboard } from 'grammy';

export interface TelegramButton {
  text: string;
  data?: string;
  url?: string;
}

export interface TelegramSender {
  send(chatId: string, html: string, buttons?: TelegramButton[][]): Promise<{ messageId: number }>;
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
  return {
    async send(chatId, html, buttons) {
      const msg = await api.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(buttons ? { reply_markup: toKeyboard(buttons) } : {}),
      });
      return { messageId: msg.message_id };
    },
  };
}
