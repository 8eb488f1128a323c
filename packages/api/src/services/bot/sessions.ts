import { DomainError } from '@handled/core/errors';
import { botSessionOf, deleteBotSession, saveBotSession } from '../../repositories/bot-sessions.ts';
import type { ServiceDeps } from '../deps.ts';

/** The largest state the bot may keep for one chat (JSON characters). */
export const MAX_BOT_SESSION_CHARS = 8_000;

/**
 * The bot keeps a chat's flow state (grammY session) here, one row per chat. A request may only
 * touch the chat it speaks for (`x-telegram-chat-id`), so even the bot's secret cannot read or
 * overwrite another chat's state by naming its key.
 */
function checkKey(chatId: string | undefined, key: string): void {
  if (!chatId || key !== chatId) throw new DomainError('FORBIDDEN', 'The bot may only keep state for the chat it speaks for.');
}

export async function readBotSession(deps: ServiceDeps, chatId: string | undefined, key: string) {
  checkKey(chatId, key);
  return { value: (await botSessionOf(deps.db, key)) ?? null };
}

export async function writeBotSession(deps: ServiceDeps, chatId: string | undefined, key: string, value: Record<string, unknown>) {
  checkKey(chatId, key);
  if (JSON.stringify(value).length > MAX_BOT_SESSION_CHARS) throw new DomainError('INVALID_INPUT', 'Bot state is too large.');
  await saveBotSession(deps.db, key, value, deps.now());
  return { ok: true as const };
}

export async function removeBotSession(deps: ServiceDeps, chatId: string | undefined, key: string) {
  checkKey(chatId, key);
  await deleteBotSession(deps.db, key);
  return { ok: true as const };
}
