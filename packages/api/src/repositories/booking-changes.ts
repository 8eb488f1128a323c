import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookingChanges } from '@handled/db/schema';

export type ChangeRow = typeof bookingChanges.$inferSelect;
export type NewChangeRow = typeof bookingChanges.$inferInsert;

/** The booking's proposed change waiting for an answer, if any (the newest). */
export async function pendingChange(db: DbOrTx, bookingId: string): Promise<ChangeRow | undefined> {
  const [row] = await db
    .select()
    .from(bookingChanges)
    .where(and(eq(bookingChanges.bookingId, bookingId), eq(bookingChanges.status, 'pending')))
    .orderBy(desc(bookingChanges.createdAt))
    .limit(1);
  return row;
}

export async function insertChange(db: DbOrTx, row: NewChangeRow): Promise<ChangeRow> {
  const [change] = await db.insert(bookingChanges).values(row).returning();
  if (!change) throw new Error('Change insert returned nothing');
  return change;
}

/** Closes a proposal: accepted, rejected or withdrawn, at `at`. */
export async function answerChange(
  db: DbOrTx,
  changeId: string,
  status: 'accepted' | 'rejected' | 'withdrawn',
  at: Date,
): Promise<ChangeRow | undefined> {
  const [row] = await db.update(bookingChanges).set({ status, answeredAt: at }).where(eq(bookingChanges.id, changeId)).returning();
  return row;
}
