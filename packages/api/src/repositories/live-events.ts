import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { liveEvents } from '@handled/db/schema';

export type LiveEventRow = typeof liveEvents.$inferSelect;

/** The newest change of the whole file: one cheap read tells a process's poller whether anything moved. */
export async function newestLiveSeq(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ seq: sql<number | null>`max(${liveEvents.seq})` }).from(liveEvents);
  return row?.seq ?? 0;
}

/** The newest change of one person (where a subscription without a last event id starts). */
export async function newestLiveSeqOf(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number | null>`max(${liveEvents.seq})` })
    .from(liveEvents)
    .where(eq(liveEvents.userId, userId));
  return row?.seq ?? 0;
}

/** One person's changes after a cursor, oldest first. */
export async function liveEventsAfter(db: DbOrTx, userId: string, after: number, limit: number): Promise<LiveEventRow[]> {
  return db
    .select()
    .from(liveEvents)
    .where(and(eq(liveEvents.userId, userId), gt(liveEvents.seq, after)))
    .orderBy(asc(liveEvents.seq))
    .limit(limit);
}

/** The oldest change still kept (a cursor older than it has missed some: the subscriber reloads). */
export async function oldestLiveSeq(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ seq: sql<number | null>`min(${liveEvents.seq})` }).from(liveEvents);
  return row?.seq ?? 0;
}

/** Drops changes older than a moment; returns how many. */
export async function pruneLiveEvents(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db.delete(liveEvents).where(lt(liveEvents.at, before)).returning({ seq: liveEvents.seq });
  return rows.length;
}
