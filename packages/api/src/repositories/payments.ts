import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { payments, refunds } from '@handled/db/schema';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPaymentRow = typeof payments.$inferInsert;
export type PaymentStatus = PaymentRow['status'];
export type RefundRow = typeof refunds.$inferSelect;
export type NewRefundRow = typeof refunds.$inferInsert;

/*
 * The part of an invoice the client paid from their Stripe customer balance (an operator's credit,
 * applied by Stripe at finalization) is a payment row too — it counts toward what was paid, is
 * earned and refunded with the rest — without a PaymentIntent or a charge: its intent column holds
 * `balance:<Stripe invoice id>`, which also keeps it to one row per invoice.
 */
const creditMark = 'balance:';
export const creditPaymentRef = (stripeInvoiceId: string) => `${creditMark}${stripeInvoiceId}`;
export const isCreditPayment = (row: Pick<PaymentRow, 'stripePaymentIntentId'>) => !!row.stripePaymentIntentId?.startsWith(creditMark);

/** Money that came in for a booking: its payments (in these statuses), oldest first. */
export async function paymentsOfBooking(db: DbOrTx, bookingId: string, statuses?: readonly PaymentStatus[]): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(statuses ? and(eq(payments.bookingId, bookingId), inArray(payments.status, [...statuses])) : eq(payments.bookingId, bookingId))
    .orderBy(asc(payments.paidAt));
}

/** An invoice's payments; `outOfBand`: only those made outside Stripe (no PaymentIntent). */
export async function paymentsOfInvoice(
  db: DbOrTx,
  invoiceId: string,
  { outOfBand = false }: { outOfBand?: boolean } = {},
): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(outOfBand ? and(eq(payments.invoiceId, invoiceId), isNull(payments.stripePaymentIntentId)) : eq(payments.invoiceId, invoiceId));
}

export async function paymentByCharge(db: DbOrTx, stripeChargeId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.stripeChargeId, stripeChargeId));
  return row;
}

/** Records a payment; with a PaymentIntent, once per intent. Returns whether it is new. */
export async function recordPayment(db: DbOrTx, row: NewPaymentRow): Promise<boolean> {
  const inserted = await db.insert(payments).values(row).onConflictDoNothing().returning({ id: payments.id });
  return inserted.length > 0;
}

export async function updatePayment(db: DbOrTx, id: string, patch: Partial<NewPaymentRow>): Promise<void> {
  await db.update(payments).set(patch).where(eq(payments.id, id));
}

export async function refundByIntent(db: DbOrTx, intentKey: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.intentKey, intentKey));
  return row;
}

/** Records a refund by its intent; a second write of the same intent updates what it did. */
export async function saveRefund(db: DbOrTx, row: NewRefundRow & { intentKey: string }): Promise<void> {
  await db
    .insert(refunds)
    .values(row)
    .onConflictDoUpdate({
      target: refunds.intentKey,
      set: {
        status: row.status,
        stripeRefundId: row.stripeRefundId,
        stripeCreditNoteId: row.stripeCreditNoteId,
        reversed: row.reversed,
        unrecovered: row.unrecovered,
      },
    });
}

/** Sets the status of the refund Stripe knows by this id; returns whether it is ours. */
export async function setRefundStatus(db: DbOrTx, stripeRefundId: string, status: RefundRow['status']): Promise<boolean> {
  const rows = await db.update(refunds).set({ status }).where(eq(refunds.stripeRefundId, stripeRefundId)).returning({ id: refunds.id });
  return rows.length > 0;
}

export async function refundsOfBooking(db: DbOrTx, bookingId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.bookingId, bookingId)).orderBy(asc(refunds.createdAt));
}

/** Refunds that did not go through (failed or pending). */
export async function unfinishedRefunds(db: DbOrTx): Promise<RefundRow[]> {
  return db.select().from(refunds).where(ne(refunds.status, 'succeeded'));
}
