/** Bot API objects the emulator produces (subset of https://core.telegram.org/bots/api). */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface ReplyMarkup {
  inline_keyboard?: InlineButton[][];
  [k: string]: unknown;
}

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
}

export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: TgChat;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: MessageEntity[];
  reply_markup?: ReplyMarkup;
  /** The message this one answers (Telegram's "Reply"). */
  reply_to_message?: TgMessage;
}

export interface CallbackQuery {
  id: string;
  from: TgUser;
  message: TgMessage;
  chat_instance: string;
  data: string;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: CallbackQuery;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface BotState {
  token: string;
  user: TgUser;
  nextUpdateId: number;
  /** Unconfirmed updates, oldest first. */
  updates: TgUpdate[];
  allowedUpdates: string[] | null;
  commands: Record<string, BotCommand[]>;
  webhook: { url: string; secretToken: string | null; allowedUpdates: string[] | null } | null;
}

export interface ChatLogEntry {
  message: TgMessage;
  /** 'bot' for messages the bot sent, 'user' for messages people sent. */
  by: 'bot' | 'user';
  parseMode: string | null;
  deleted?: boolean;
}

export interface ChatState {
  botId: number;
  chat: TgChat;
  user: TgUser;
  nextMessageId: number;
  log: ChatLogEntry[];
  callbackAnswers: Array<{ queryId: string; text: string | null; showAlert: boolean; at: number }>;
  pendingQueries: Record<string, { messageId: number; data: string; at: number }>;
  lastAction: { action: string; at: number } | null;
}

export interface TelegramData {
  bots: Record<string, BotState>;
  chats: Record<string, ChatState>;
}
