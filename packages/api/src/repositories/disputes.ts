import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { disputes, payouts } from '@handled/db/schema';

export type DisputeRow = typeof disputes.$inferSelect;
export type NewDisputeRow = typeof disputes.$inferInsert;

export async function disputesOfBooking(db: DbOrTx, bookingId: string): Promise<DisputeRow[]> {
  return db.select().from(disputes).where(eq(disputes.bookingId, bookingId));
}

/** Records a dispute as Stripe reports it now: once per Stripe dispute, its status and closing after. */
export async function saveDispute(db: DbOrTx, row: NewDisputeRow): Promise<void> {
  await db
    .insert(disputes)
    .values(row)
    .onConflictDoUpdate({ target: disputes.stripeDisputeId, set: { status: row.status, closedAt: row.closedAt ?? null } });
}

/** Disputes, newest first. */
export async function latestDisputes(db: DbOrTx, limit: number): Promise<DisputeRow[]> {
  return db.select().from(disputes).orderBy(desc(disputes.openedAt)).limit(limit);
}

/** Disputes whose status is none of Stripe's final ones. */
export async function openDisputes(db: DbOrTx, closedStatuses: readonly string[]): Promise<DisputeRow[]> {
  return db
    .select()
    .from(disputes)
    .where(
      sql`${disputes.status} not in (${sql.join(
        closedStatuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
}

/** Disputes, newest first, each with its booking's payout (if any). */
export async function disputesWithPayouts(db: DbOrTx, limit: number) {
  return db
    .select({ dispute: disputes, payout: { status: payouts.status, holdReason: payouts.holdReason, amount: payouts.amount } })
    .from(disputes)
    .leftJoin(payouts, eq(payouts.bookingId, disputes.bookingId))
    .orderBy(desc(disputes.openedAt))
    .limit(limit);
}
