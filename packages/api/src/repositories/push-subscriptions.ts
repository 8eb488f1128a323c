import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { pushSubscriptions } from '@handled/db/schema';

/** Stores a browser's subscription for this person; the same endpoint moves to the newest person. */
export async function savePushSubscription(
  db: DbOrTx,
  userId: string,
  sub: { endpoint: string; p256dh: string; auth: string },
): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values({ userId, ...sub })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: sub.p256dh, auth: sub.auth } });
}

export async function removePushSubscription(db: DbOrTx, userId: string, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

export async function pushEndpointsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ endpoint: pushSubscriptions.endpoint })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  return rows.map((r) => r.endpoint);
}
