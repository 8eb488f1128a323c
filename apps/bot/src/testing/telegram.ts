import type { Api, Transformer } from 'grammy';
import type { Message, MessageEntity, Update, UserFromGetMe } from 'grammy/types';

/** The bot as Telegram would describe it from getMe. */
export const testBotInfo: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: 'Handled',
  username: 'handled_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * Records every Bot API call the bot makes instead of sending it, and answers as Telegram
 * would (a Message for sends and edits, true for the rest).
 */
export function recordApiCalls(bot: { api: Api }) {
  const calls: ApiCall[] = [];
  let nextMessageId = 1000;
  const transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const chat = { id: Number(p['chat_id'] ?? 0), type: 'private' as const, first_name: 'Test' };
    const asMessage = () => ({
      message_id: Number(p['message_id'] ?? nextMessageId++),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: testBotInfo,
      text: String(p['text'] ?? ''),
    });
    const result = method === 'sendMessage' || method === 'editMessageText' || method === 'editMessageReplyMarkup' ? asMessage() : true;
    return { ok: true, result } as never;
  };
  bot.api.config.use(transformer);
  return {
    calls,
    /** Calls of one method, in order. */
    of: (method: string) => calls.filter((c) => c.method === method),
    /** The texts of every message sent or edited. */
    texts: () => calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText').map((c) => String(c.payload['text'])),
    clear: () => void calls.splice(0),
  };
}

let updateId = 1;
const now = () => Math.floor(Date.now() / 1000);

export interface TestPerson {
  chatId: number;
  username?: string;
  firstName?: string;
}

function from(p: TestPerson) {
  return { id: p.chatId, is_bot: false, first_name: p.firstName ?? 'Test', ...(p.username ? { username: p.username } : {}) };
}

/** A private-chat text message; a leading /command gets its bot_command entity as Telegram sends it. */
export function textMessage(p: TestPerson, text: string, extra: Partial<Message> = {}): Update {
  const command = /^\/\w+(@\w+)?/.exec(text);
  const entities: MessageEntity[] = command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : [];
  return {
    update_id: updateId++,
    message: {
      message_id: updateId * 10,
      date: now(),
      chat: { id: p.chatId, type: 'private', first_name: p.firstName ?? 'Test' },
      from: from(p),
      text,
      ...(entities.length ? { entities } : {}),
      ...extra,
    } as Update['message'],
  };
}

/** A press of an inline button with `data`, on a message the bot sent earlier. */
export function buttonPress(
  p: TestPerson,
  data: string,
  message?: { message_id?: number; text?: string; entities?: MessageEntity[] },
): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId * 7),
      from: from(p),
      chat_instance: String(p.chatId),
      data,
      message: {
        message_id: message?.message_id ?? 42,
        date: now(),
        chat: { id: p.chatId, type: 'private', first_name: p.firstName ?? 'Test' },
        from: testBotInfo,
        text: message?.text ?? 'New request',
        ...(message?.entities ? { entities: message.entities } : {}),
      } as Message.TextMessage,
    },
  };
}

/** The person blocks the bot in their private chat (Telegram's my_chat_member update). */
export function blockedBy(p: TestPerson): Update {
  const chat = { id: p.chatId, type: 'private' as const, first_name: p.firstName ?? 'Test' };
  return {
    update_id: updateId++,
    my_chat_member: {
      chat,
      from: from(p),
      date: now(),
      old_chat_member: { status: 'member', user: testBotInfo },
      new_chat_member: { status: 'kicked', user: testBotInfo, until_date: 0 },
    },
  };
}
