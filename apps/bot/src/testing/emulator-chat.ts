import { eventually } from '@handled/testing';

/** One message of a chat as the Telegram emulator's transcript shows it. */
export interface ChatMessage {
  message_id: number;
  by: 'bot' | 'user';
  text?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] };
}

interface Transcript {
  ok: boolean;
  description?: string;
  messages?: ChatMessage[];
  callbackAnswers?: { queryId: string; text: string | null; showAlert: boolean }[];
}

/**
 * A person's side of a chat with the bot on the Telegram emulator: they type, press buttons
 * (or forge a press), and read what the bot wrote — the bot runs for real, long polling.
 */
export function emulatorChat(emulatorsUrl: string, chatId: number, from: { first_name: string; username?: string }) {
  const base = `${emulatorsUrl}/_/telegram/chats/${chatId}`;
  async function call(path: string, body?: unknown): Promise<Transcript> {
    const res = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Transcript;
    if (!json.ok) throw new Error(json.description);
    return json;
  }
  const transcript = () => call('/messages');
  const botMessages = async () => ((await transcript()).messages ?? []).filter((m) => m.by === 'bot');
  const answers = async () => (await transcript()).callbackAnswers ?? [];

  return {
    chatId,
    botMessages,
    answers,
    /** Types a message, and waits for the bot's first new message after it (matching `pattern` if given). */
    async send(text: string, pattern?: RegExp | string, replyTo?: number): Promise<ChatMessage> {
      const sent = (await call('/send', { text, from, ...(replyTo !== undefined ? { replyTo } : {}) })) as Transcript & {
        message?: { message_id: number };
      };
      const after = sent.message?.message_id ?? 0;
      return eventually(async () => {
        const m = (await botMessages()).find(
          (x) =>
            x.message_id > after && (!pattern || (typeof pattern === 'string' ? x.text?.includes(pattern) : pattern.test(x.text ?? ''))),
        );
        if (!m) throw new Error(`no answer to "${text}" yet`);
        return m;
      });
    },
    /** The message with this id as it is now (after edits). */
    async message(id: number): Promise<ChatMessage> {
      const m = (await botMessages()).find((x) => x.message_id === id);
      if (!m) throw new Error(`no message ${id}`);
      return m;
    },
    /** The latest bot message with a button whose data is `data`. */
    async withButton(data: string): Promise<ChatMessage> {
      return eventually(async () => {
        const m = [...(await botMessages())]
          .reverse()
          .find((x) => x.reply_markup?.inline_keyboard?.flat().some((k) => k.callback_data === data));
        if (!m) throw new Error(`no message with the button ${data}`);
        return m;
      });
    },
    /** The latest bot message containing `pattern`. */
    async waitFor(pattern: RegExp | string): Promise<ChatMessage> {
      return eventually(async () => {
        const m = [...(await botMessages())]
          .reverse()
          .find((x) => (typeof pattern === 'string' ? x.text?.includes(pattern) : pattern.test(x.text ?? '')));
        if (!m) throw new Error(`no bot message matching ${String(pattern)}`);
        return m;
      });
    },
    /** Presses the button labelled like `label` on a message; waits for the bot to answer the press. */
    async press(message: ChatMessage, label: RegExp | string) {
      const button = message.reply_markup?.inline_keyboard
        ?.flat()
        .find((b) => (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)));
      if (!button?.callback_data) throw new Error(`no button ${String(label)} on: ${message.text} ${JSON.stringify(message.reply_markup)}`);
      return this.pressData(message.message_id, button.callback_data);
    },
    /** Presses with raw data; `forged` sends data the message has no button for (a modified client). */
    async pressData(messageId: number, data: string, forged = false) {
      const n = (await answers()).length;
      await call('/press', { messageId, data, ...(forged ? { forged: true } : {}) });
      return eventually(async () => {
        const all = await answers();
        if (all.length <= n) throw new Error(`the press of ${data} is not answered yet`);
        return all[all.length - 1]!;
      });
    },
  };
}
export type EmulatorChat = ReturnType<typeof emulatorChat>;
