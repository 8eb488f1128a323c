import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { payments } from '@handled/db/schema';

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentStatus = PaymentRow['status'];

/** Money that came in for a booking: its payments in these statuses, oldest first. */
export async function paymentsOfBooking(db: DbOrTx, bookingId: string, statuses: readonly PaymentStatus[]): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), inArray(payments.status, [...statuses])))
    .orderBy(asc(payments.paidAt));
}
