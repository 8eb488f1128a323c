import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { DomainError } from '@handled/core/errors';
import { telegramLinkCodes, telegramLinks, users } from '@handled/db/schema';
import type { ServiceDeps } from './deps.ts';

const CODE_TTL_MS = 15 * 60_000;
const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A short one-time code the signed-in person sends to the bot (`/start CODE`) to link their chat. */
export async function createLinkCode(deps: ServiceDeps, userId: string) {
  const now = deps.now();
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await deps.db.insert(telegramLinkCodes).values({ code, userId, expiresAt });
  return { code, expiresAt: expiresAt.toISOString() };
}

export async function redeemLinkCode(deps: ServiceDeps, input: { code: string; chatId: string; username?: string | undefined }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(telegramLinkCodes)
      .where(and(eq(telegramLinkCodes.code, input.code.toUpperCase()), isNull(telegramLinkCodes.usedAt), gt(telegramLinkCodes.expiresAt, now)));
    if (!row) throw new DomainError('NOT_FOUND', 'That code is not valid any more. Make a new one in Handled and try again.');
    await tx.update(telegramLinkCodes).set({ usedAt: now }).where(eq(telegramLinkCodes.code, row.code));
    // One chat links to one account: a chat moving to another account leaves the first.
    await tx.delete(telegramLinks).where(eq(telegramLinks.chatId, input.chatId));
    await tx
      .insert(telegramLinks)
      .values({ userId: row.userId, chatId: input.chatId, username: input.username ?? null })
      .onConflictDoUpdate({ target: telegramLinks.userId, set: { chatId: input.chatId, username: input.username ?? null, linkedAt: now } });
    return { userId: row.userId };
  });
}

/** The person a Telegram chat is linked to (the bot acts as them), or null for a chat nobody linked. */
export async function userOfChat(deps: ServiceDeps, chatId: string) {
  const [row] = await deps.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, timeZone: users.timeZone })
    .from(telegramLinks)
    .innerJoin(users, eq(users.id, telegramLinks.userId))
    .where(eq(telegramLinks.chatId, chatId));
  return row ?? null;
}

export async function linkStatus(deps: ServiceDeps, userId: string) {
  const [link] = await deps.db.select().from(telegramLinks).where(eq(telegramLinks.userId, userId));
  return link ? { linked: true as const, username: link.username, linkedAt: link.linkedAt.toISOString() } : { linked: false as const };
}

export async function unlink(deps: ServiceDeps, userId: string) {
  await deps.db.delete(telegramLinks).where(eq(telegramLinks.userId, userId));
  return { linked: false as const };
}
