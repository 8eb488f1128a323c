import { TelegramError, type TelegramStore } from './store.ts';
import type { BotState, CallbackQuery, TgMessage, TgUser } from './types.ts';

/** A person types `text` in their chat with the bot: one `message` update. */
export function personSends(
  store: TelegramStore,
  bot: BotState,
  chatId: number,
  text: string,
  from?: Partial<TgUser>,
  /** Telegram's "Reply" to one of the chat's messages: it travels with the update. */
  replyTo?: number,
): TgMessage {
  if (!text.trim()) throw new TelegramError(400, 'Bad Request: message text is empty');
  const chat = store.ensureChat(bot.user.id, chatId, from);
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  const message: TgMessage = {
    message_id: chat.nextMessageId++,
    from: chat.user,
    chat: chat.chat,
    date: store.now(),
    text,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
  };
  if (replyTo !== undefined) {
    const original = chat.log.find((e) => e.message.message_id === replyTo && !e.deleted);
    if (!original) throw new TelegramError(400, 'Bad Request: message to be replied not found');
    message.reply_to_message = structuredClone(original.message);
  }
  chat.log.push({ message, by: 'user', parseMode: null });
  store.addUpdate(bot, { message: structuredClone(message) });
  return message;
}

/**
 * A person presses an inline button of a bot message: one `callback_query` update. `forged` skips
 * the check that the message has that button — what a modified client sending made-up callback
 * data looks like to a bot — so tests can prove the bot refuses it.
 */
export function personPresses(
  store: TelegramStore,
  bot: BotState,
  chatId: number,
  messageId: number,
  data: string,
  forged = false,
): CallbackQuery {
  const chat = store.chat(bot.user.id, chatId);
  if (!chat) throw new TelegramError(404, 'Not Found: chat not found');
  const entry = chat.log.find((e) => e.message.message_id === messageId && e.by === 'bot' && !e.deleted);
  if (!entry) throw new TelegramError(404, 'Not Found: message not found');
  const buttons = entry.message.reply_markup?.inline_keyboard?.flat() ?? [];
  if (!forged && !buttons.some((b) => b.callback_data === data)) {
    throw new TelegramError(400, `Bad Request: message ${messageId} has no button with callback_data "${data}"`);
  }
  const query: CallbackQuery = {
    id: store.newQueryId(),
    from: chat.user,
    message: structuredClone(entry.message),
    chat_instance: String(BigInt(bot.user.id) * 31n + BigInt(chatId)),
    data,
  };
  chat.pendingQueries[query.id] = { messageId, data, at: store.now() };
  store.addUpdate(bot, { callback_query: query });
  return query;
}
