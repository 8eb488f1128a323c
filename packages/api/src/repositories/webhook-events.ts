import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { webhookEvents } from '@handled/db/schema';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type NewWebhookEventRow = typeof webhookEvents.$inferInsert;
type Source = WebhookEventRow['source'];

/** Stores an event once by (source, event id); returns its row id when it is new. */
export async function storeWebhookEvent(db: DbOrTx, row: NewWebhookEventRow): Promise<string | undefined> {
  const [inserted] = await db.insert(webhookEvents).values(row).onConflictDoNothing().returning({ id: webhookEvents.id });
  return inserted?.id;
}

export async function webhookEventById(db: DbOrTx, id: string): Promise<WebhookEventRow | undefined> {
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return row;
}

export async function updateWebhookEvent(db: DbOrTx, id: string, patch: Partial<NewWebhookEventRow>): Promise<void> {
  await db.update(webhookEvents).set(patch).where(eq(webhookEvents.id, id));
}

/** Events per source and status, and the oldest one still waiting to be processed. */
export async function webhookBacklog(db: DbOrTx) {
  const [counts, [oldestWaiting]] = await Promise.all([
    db
      .select({ source: webhookEvents.source, status: webhookEvents.status, n: sql<number>`count(*)` })
      .from(webhookEvents)
      .groupBy(webhookEvents.source, webhookEvents.status),
    db
      .select({ source: webhookEvents.source, type: webhookEvents.type, receivedAt: webhookEvents.receivedAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.status, 'received'))
      .orderBy(webhookEvents.receivedAt)
      .limit(1),
  ]);
  return { counts, oldestWaiting };
}

/** One source's events waiting or failed, newest first. */
export async function unprocessedWebhookEvents(db: DbOrTx, source: Source, limit: number): Promise<WebhookEventRow[]> {
  return db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.source, source), inArray(webhookEvents.status, ['received', 'failed'])))
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(limit);
}

/** One source's events per status. */
export async function webhookCountsOf(db: DbOrTx, source: Source) {
  return db
    .select({ status: webhookEvents.status, n: sql<number>`count(*)` })
    .from(webhookEvents)
    .where(eq(webhookEvents.source, source))
    .groupBy(webhookEvents.status);
}
