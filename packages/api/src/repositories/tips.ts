import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { tips } from '@handled/db/schema';

export type TipRow = typeof tips.$inferSelect;
export type NewTipRow = typeof tips.$inferInsert;

/** A booking's tip (one at most). */
export async function tipOfBooking(db: DbOrTx, bookingId: string): Promise<TipRow | undefined> {
  const [row] = await db.select().from(tips).where(eq(tips.bookingId, bookingId));
  return row;
}

export async function tipByStripeInvoice(db: DbOrTx, stripeInvoiceId: string): Promise<TipRow | undefined> {
  const [row] = await db.select().from(tips).where(eq(tips.stripeInvoiceId, stripeInvoiceId));
  return row;
}

/** Records the booking's tip invoice, or points the booking's unpaid tip at a new one. */
export async function saveTip(db: DbOrTx, row: NewTipRow & { bookingId: string }): Promise<TipRow> {
  const { bookingId: _booking, id: _id, ...state } = row;
  const [saved] = await db.insert(tips).values(row).onConflictDoUpdate({ target: tips.bookingId, set: state }).returning();
  if (!saved) throw new Error(`Tip of booking ${row.bookingId} was not saved`);
  return saved;
}

export async function updateTip(db: DbOrTx, id: string, patch: Partial<NewTipRow>): Promise<void> {
  await db.update(tips).set(patch).where(eq(tips.id, id));
}
