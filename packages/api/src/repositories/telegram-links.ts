import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { telegramLinkCodes, telegramLinks, users } from '@handled/db/schema';

export type TelegramLinkRow = typeof telegramLinks.$inferSelect;

export async function insertLinkCode(db: DbOrTx, row: { code: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insert(telegramLinkCodes).values(row);
}

/** Marks an unused, unexpired code used and returns whose it was (nothing when it is not valid). */
export async function takeLinkCode(db: DbOrTx, code: string, now: Date): Promise<{ userId: string } | undefined> {
  const [row] = await db
    .select()
    .from(telegramLinkCodes)
    .where(and(eq(telegramLinkCodes.code, code), isNull(telegramLinkCodes.usedAt), gt(telegramLinkCodes.expiresAt, now)));
  if (!row) return undefined;
  await db.update(telegramLinkCodes).set({ usedAt: now }).where(eq(telegramLinkCodes.code, row.code));
  return { userId: row.userId };
}

/** Links a chat to a person: one chat to one account, so a chat moving to another account leaves the first. */
export async function linkChat(db: DbOrTx, userId: string, chatId: string, username: string | null, now: Date): Promise<void> {
  await db.delete(telegramLinks).where(eq(telegramLinks.chatId, chatId));
  await db
    .insert(telegramLinks)
    .values({ userId, chatId, username })
    .onConflictDoUpdate({ target: telegramLinks.userId, set: { chatId, username, linkedAt: now } });
}

export async function telegramLinkOf(db: DbOrTx, userId: string): Promise<TelegramLinkRow | undefined> {
  const [link] = await db.select().from(telegramLinks).where(eq(telegramLinks.userId, userId));
  return link;
}

/** The person a chat is linked to. */
export async function userOfTelegramChat(db: DbOrTx, chatId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      timeZone: users.timeZone,
      alsoClient: users.alsoClient,
    })
    .from(telegramLinks)
    .innerJoin(users, eq(users.id, telegramLinks.userId))
    .where(eq(telegramLinks.chatId, chatId));
  return row;
}

export async function unlinkTelegram(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(telegramLinks).where(eq(telegramLinks.userId, userId));
}
