import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { notificationPreferences, notifications, users } from '@handled/db/schema';

export type NewNotificationRow = typeof notifications.$inferInsert;

/** Whether this person was already told (`template` keys one message) on this channel. */
export async function notificationExists(
  db: DbOrTx,
  userId: string,
  template: string,
  channel: NewNotificationRow['channel'],
): Promise<boolean> {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.template, template), eq(notifications.channel, channel)))
    .limit(1);
  return Boolean(row);
}

export async function insertNotification(db: DbOrTx, row: NewNotificationRow): Promise<void> {
  await db.insert(notifications).values(row);
}

/** Whether this person wants email (no preference row: yes, the default). */
export async function wantsEmail(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row?.email ?? true;
}

export async function userEmail(db: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}

export async function notificationById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return row;
}
