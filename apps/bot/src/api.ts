import { createApiClient } from '@handled/client';
import type { ApiForChat } from './context.ts';

/**
 * The Handled API as the person linked to a chat: every request carries the bot's service
 * secret and the chat id, and the server resolves the chat to its linked user.
 */
export function createChatApi(opts: { url: string; botSecret: string; fetch?: typeof fetch }): ApiForChat {
  return (chatId) =>
    createApiClient({
      url: opts.url,
      headers: () => ({ 'x-handled-bot-secret': opts.botSecret, 'x-telegram-chat-id': chatId }),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
}
