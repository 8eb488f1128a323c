import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { botSessions } from '@handled/db/schema';

/** The bot's state for one chat, or undefined when it has none. */
export async function botSessionOf(db: DbOrTx, key: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.select({ value: botSessions.value }).from(botSessions).where(eq(botSessions.key, key));
  return row?.value;
}

export async function saveBotSession(db: DbOrTx, key: string, value: Record<string, unknown>, now: Date): Promise<void> {
  await db
    .insert(botSessions)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: botSessions.key, set: { value, updatedAt: now } });
}

export async function deleteBotSession(db: DbOrTx, key: string): Promise<void> {
  await db.delete(botSessions).where(eq(botSessions.key, key));
}
