import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { receipts } from '@handled/db/schema';

export type ReceiptRow = typeof receipts.$inferSelect;
export type NewReceiptRow = typeof receipts.$inferInsert;

export async function receiptForEvent(db: DbOrTx, eventId: string): Promise<ReceiptRow | undefined> {
  const [row] = await db.select().from(receipts).where(eq(receipts.eventId, eventId));
  return row;
}

/** A booking's receipts, newest first (`limit` 1: the latest). */
export async function receiptsOfBooking(db: DbOrTx, bookingId: string, limit?: number): Promise<ReceiptRow[]> {
  const query = db.select().from(receipts).where(eq(receipts.bookingId, bookingId)).orderBy(desc(receipts.createdAt));
  return limit === undefined ? query : query.limit(limit);
}

export async function countReceiptsOf(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(receipts).where(eq(receipts.bookingId, bookingId));
  return row?.n ?? 0;
}

/** Stores a receipt once per event (a second write of the same event's receipt is dropped). */
export async function insertReceipt(db: DbOrTx, row: NewReceiptRow): Promise<void> {
  await db.insert(receipts).values(row).onConflictDoNothing({ target: receipts.eventId });
}

export async function markReceiptEmailed(db: DbOrTx, receiptId: string, at: Date): Promise<void> {
  await db.update(receipts).set({ emailedAt: at }).where(eq(receipts.id, receiptId));
}
