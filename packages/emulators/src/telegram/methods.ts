import { z } from 'zod';
import { ParseError, plainText } from './format.ts';
import { TelegramError, type TelegramStore } from './store.ts';
import type { BotState, ChatState, ReplyMarkup, TgMessage } from './types.ts';

type Params = Record<string, unknown>;
type Method = (store: TelegramStore, bot: BotState, params: Params, signal: AbortSignal) => unknown;

/** Form posts carry JSON-serialized objects (reply_markup, commands, allowed_updates). */
const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, schema);
const num = () => z.coerce.number().int();
const chatId = () => z.union([z.number(), z.string()]).transform(Number);
const button = z.object({ text: z.string().min(1), callback_data: z.string().max(64).optional(), url: z.string().optional() }).loose();
const markup = json(z.object({ inline_keyboard: z.array(z.array(button)).optional() }).loose());

function parse<S extends z.ZodType>(schema: S, params: Params): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const missing = issue && (params as Record<string, unknown>)[String(issue.path[0])] === undefined;
  throw new TelegramError(400, missing ? `Bad Request: ${field} is empty` : `Bad Request: invalid ${field}: ${issue?.message ?? ''}`);
}

function knownChat(store: TelegramStore, bot: BotState, id: number): ChatState {
  const chat = store.chat(bot.user.id, id);
  if (!chat) throw new TelegramError(400, 'Bad Request: chat not found');
  return chat;
}

function text(raw: string, parseMode: string | undefined): string {
  if (raw.trim() === '') throw new TelegramError(400, 'Bad Request: message text is empty');
  let plain: string;
  try {
    plain = plainText(raw, parseMode);
  } catch (err) {
    if (err instanceof ParseError) throw new TelegramError(400, `Bad Request: ${err.message}`);
    throw err;
  }
  if (plain.length > 4096) throw new TelegramError(400, 'Bad Request: message is too long');
  return plain;
}

function botMessage(chat: ChatState, messageId: number): TgMessage {
  const entry = chat.log.find((e) => e.message.message_id === messageId && !e.deleted);
  if (!entry) throw new TelegramError(400, 'Bad Request: message to edit not found');
  if (entry.by !== 'bot') throw new TelegramError(400, "Bad Request: message can't be edited");
  return entry.message;
}

const sendSchema = z
  .object({
    chat_id: chatId(),
    text: z.string(),
    parse_mode: z.enum(['HTML', 'MarkdownV2', 'Markdown']).optional(),
    reply_markup: markup.optional(),
  })
  .loose();
const editSchema = z
  .object({
    chat_id: chatId(),
    message_id: num(),
    text: z.string(),
    parse_mode: z.enum(['HTML', 'MarkdownV2', 'Markdown']).optional(),
    reply_markup: markup.optional(),
  })
  .loose();

type CommandScope = { type?: string; chat_id?: unknown; user_id?: unknown } | undefined;

function scopeOf(params: Params): CommandScope {
  return typeof params.scope === 'string' ? (JSON.parse(params.scope) as CommandScope) : (params.scope as CommandScope);
}

/** Command lists are kept per scope — a chat's or a member's own list per chat (and user) — and language. */
function commandsKey(scope: CommandScope, languageCode: unknown): string {
  const who = [scope?.chat_id, scope?.user_id].filter((x) => x !== undefined).map(String);
  return [scope?.type ?? 'default', ...who, typeof languageCode === 'string' ? languageCode : ''].join(':');
}

export const METHODS: Record<string, Method> = {
  getMe: (_s, bot) => ({
    ...bot.user,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),

  getUpdates: async (store, bot, params, signal) => {
    if (bot.webhook)
      throw new TelegramError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const p = parse(
      z
        .object({
          offset: num().optional(),
          limit: num().optional(),
          timeout: num().optional(),
          allowed_updates: json(z.array(z.string())).optional(),
        })
        .loose(),
      params,
    );
    if (p.allowed_updates) bot.allowedUpdates = p.allowed_updates;
    const limit = Math.min(Math.max(p.limit ?? 100, 1), 100);
    let updates = store.takeUpdates(bot, p.offset, limit);
    if (updates.length === 0 && (p.timeout ?? 0) > 0 && !signal.aborted) {
      await store.wait(bot, Math.min(p.timeout ?? 0, 50), signal);
      updates = store.takeUpdates(bot, undefined, limit);
    }
    return updates;
  },

  setWebhook: (store, bot, params) => {
    const p = parse(
      z
        .object({
          url: z.string(),
          secret_token: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,256}$/)
            .optional(),
          allowed_updates: json(z.array(z.string())).optional(),
          drop_pending_updates: z.union([z.boolean(), z.string()]).optional(),
        })
        .loose(),
      params,
    );
    if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') bot.updates = [];
    bot.webhook = p.url ? { url: p.url, secretToken: p.secret_token ?? null, allowedUpdates: p.allowed_updates ?? null } : null;
    store.changed();
    store.resumeWebhook(bot);
    return true;
  },

  deleteWebhook: (store, bot, params) => {
    if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') bot.updates = [];
    bot.webhook = null;
    store.changed();
    return true;
  },

  getWebhookInfo: (_s, bot) => ({
    url: bot.webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: bot.updates.length,
    ...(bot.webhook?.allowedUpdates ? { allowed_updates: bot.webhook.allowedUpdates } : {}),
  }),

  sendMessage: (store, bot, params) => {
    const p = parse(sendSchema, params);
    const chat = knownChat(store, bot, p.chat_id);
    const message: TgMessage = {
      message_id: chat.nextMessageId++,
      from: bot.user,
      chat: chat.chat,
      date: store.now(),
      text: text(p.text, p.parse_mode),
      ...(p.reply_markup?.inline_keyboard ? { reply_markup: p.reply_markup as ReplyMarkup } : {}),
    };
    chat.log.push({ message, by: 'bot', parseMode: p.parse_mode ?? null });
    chat.lastAction = null;
    store.changed();
    return message;
  },

  editMessageText: (store, bot, params) => {
    const p = parse(editSchema, params);
    const message = botMessage(knownChat(store, bot, p.chat_id), p.message_id);
    const next = text(p.text, p.parse_mode);
    const nextMarkup = p.reply_markup?.inline_keyboard ? (p.reply_markup as ReplyMarkup) : undefined;
    if (next === message.text && JSON.stringify(nextMarkup) === JSON.stringify(message.reply_markup)) {
      throw new TelegramError(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    message.text = next;
    if (nextMarkup) message.reply_markup = nextMarkup;
    else delete message.reply_markup;
    message.edit_date = store.now();
    store.changed();
    return message;
  },

  editMessageReplyMarkup: (store, bot, params) => {
    const p = parse(z.object({ chat_id: chatId(), message_id: num(), reply_markup: markup.optional() }).loose(), params);
    const message = botMessage(knownChat(store, bot, p.chat_id), p.message_id);
    const nextMarkup = p.reply_markup?.inline_keyboard?.length ? (p.reply_markup as ReplyMarkup) : undefined;
    if (JSON.stringify(nextMarkup) === JSON.stringify(message.reply_markup)) {
      throw new TelegramError(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    if (nextMarkup) message.reply_markup = nextMarkup;
    else delete message.reply_markup;
    message.edit_date = store.now();
    store.changed();
    return message;
  },

  deleteMessage: (store, bot, params) => {
    const p = parse(z.object({ chat_id: chatId(), message_id: num() }).loose(), params);
    const entry = knownChat(store, bot, p.chat_id).log.find((e) => e.message.message_id === p.message_id && !e.deleted);
    if (!entry) throw new TelegramError(400, 'Bad Request: message to delete not found');
    entry.deleted = true;
    store.changed();
    return true;
  },

  answerCallbackQuery: (store, bot, params) => {
    const p = parse(
      z
        .object({
          callback_query_id: z.string(),
          text: z.string().max(200).optional(),
          show_alert: z.union([z.boolean(), z.string()]).optional(),
        })
        .loose(),
      params,
    );
    const chat = Object.values(store.data.chats).find((c) => c.botId === bot.user.id && c.pendingQueries[p.callback_query_id]);
    if (!chat) throw new TelegramError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    delete chat.pendingQueries[p.callback_query_id];
    chat.callbackAnswers.push({
      queryId: p.callback_query_id,
      text: p.text ?? null,
      showAlert: p.show_alert === true || p.show_alert === 'true',
      at: store.now(),
    });
    store.changed();
    return true;
  },

  setMyCommands: (store, bot, params) => {
    const p = parse(
      z
        .object({
          commands: json(z.array(z.object({ command: z.string().regex(/^[a-z0-9_]{1,32}$/), description: z.string().min(1).max(256) }))),
          scope: json(z.object({ type: z.string() }).loose()).optional(),
          language_code: z.string().optional(),
        })
        .loose(),
      params,
    );
    bot.commands[commandsKey(p.scope, p.language_code)] = p.commands;
    store.changed();
    return true;
  },

  getMyCommands: (_s, bot, params) => bot.commands[commandsKey(scopeOf(params), params.language_code)] ?? [],

  /** Only the given scope's (and language's) list goes, as on Telegram. */
  deleteMyCommands: (store, bot, params) => {
    delete bot.commands[commandsKey(scopeOf(params), params.language_code)];
    store.changed();
    return true;
  },

  sendChatAction: (store, bot, params) => {
    const p = parse(
      z
        .object({
          chat_id: chatId(),
          action: z.enum([
            'typing',
            'upload_photo',
            'record_video',
            'upload_video',
            'record_voice',
            'upload_voice',
            'upload_document',
            'choose_sticker',
            'find_location',
            'record_video_note',
            'upload_video_note',
          ]),
        })
        .loose(),
      params,
    );
    knownChat(store, bot, p.chat_id).lastAction = { action: p.action, at: store.now() };
    return true;
  },

  getChat: (store, bot, params) => knownChat(store, bot, Number(params.chat_id)).chat,
};
