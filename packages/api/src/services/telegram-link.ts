import { createHash, randomInt } from 'node:crypto';
import { DomainError } from '@handled/core/errors';
import {
  insertLinkCode,
  linkChat,
  takeLinkCode,
  telegramLinkOf,
  unlinkTelegram,
  userOfTelegramChat,
} from '../repositories/telegram-links.ts';
import type { ServiceDeps } from './deps.ts';

const CODE_TTL_MS = 15 * 60_000;
const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Codes are kept as their SHA-256: the table alone cannot link anyone's chat. */
const digest = (code: string) => createHash('sha256').update(code).digest('hex');

/** The bot people link to (its getMe), or null when Telegram cannot be asked right now. */
async function botOf(deps: ServiceDeps) {
  if (!deps.telegram) return null;
  try {
    return await deps.telegram.botInfo();
  } catch (e) {
    deps.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'telegram getMe failed');
    return null;
  }
}

/**
 * A short one-time code the signed-in person sends to the bot (`/start CODE`) to link their chat,
 * and the deep link that sends it for them (`https://t.me/<bot>?start=CODE`) with the bot's name.
 */
export async function createLinkCode(deps: ServiceDeps, userId: string) {
  const now = deps.now();
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await insertLinkCode(deps.db, { code: digest(code), userId, expiresAt });
  const bot = await botOf(deps);
  return {
    code,
    expiresAt: expiresAt.toISOString(),
    bot,
    deepLink: bot ? `https://t.me/${encodeURIComponent(bot.username)}?start=${code}` : null,
  };
}

export async function redeemLinkCode(deps: ServiceDeps, input: { code: string; chatId: string; username?: string | undefined }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await takeLinkCode(tx, digest(input.code.toUpperCase()), now);
    if (!row) throw new DomainError('NOT_FOUND', 'That code is not valid any more. Make a new one in Handled and try again.');
    // One chat links to one account: a chat moving to another account leaves the first.
    await linkChat(tx, row.userId, input.chatId, input.username ?? null, now);
    return { userId: row.userId };
  });
}

/** The person a Telegram chat is linked to (the bot acts as them), or null for a chat nobody linked. */
export async function userOfChat(deps: ServiceDeps, chatId: string) {
  return (await userOfTelegramChat(deps.db, chatId)) ?? null;
}

export async function linkStatus(deps: ServiceDeps, userId: string) {
  const [link, bot] = await Promise.all([telegramLinkOf(deps.db, userId), botOf(deps)]);
  return link
    ? { linked: true as const, username: link.username, linkedAt: link.linkedAt.toISOString(), bot }
    : { linked: false as const, bot };
}

export async function unlink(deps: ServiceDeps, userId: string) {
  await unlinkTelegram(deps.db, userId);
  return linkStatus(deps, userId);
}
