import { and, asc, eq, inArray, isNotNull, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { paymentInstalments } from '@handled/db/schema';

export type InstalmentRow = typeof paymentInstalments.$inferSelect;
export type NewInstalmentRow = typeof paymentInstalments.$inferInsert;
export type InstalmentStatus = InstalmentRow['status'];

export async function instalmentById(db: DbOrTx, id: string): Promise<InstalmentRow | undefined> {
  const [row] = await db.select().from(paymentInstalments).where(eq(paymentInstalments.id, id));
  return row;
}

/** A booking's instalments (its draft plan and its invoices' schedules), in order. */
export async function instalmentsOfBooking(db: DbOrTx, bookingId: string): Promise<InstalmentRow[]> {
  return db.select().from(paymentInstalments).where(eq(paymentInstalments.bookingId, bookingId)).orderBy(asc(paymentInstalments.seq));
}

export async function instalmentsOfInvoice(db: DbOrTx, invoiceId: string): Promise<InstalmentRow[]> {
  return db.select().from(paymentInstalments).where(eq(paymentInstalments.invoiceId, invoiceId)).orderBy(asc(paymentInstalments.seq));
}

/** The plan the client chose before an invoice exists (rows without an invoice), in order. */
export async function draftPlanOf(db: DbOrTx, bookingId: string): Promise<InstalmentRow[]> {
  return db
    .select()
    .from(paymentInstalments)
    .where(and(eq(paymentInstalments.bookingId, bookingId), isNull(paymentInstalments.invoiceId)))
    .orderBy(asc(paymentInstalments.seq));
}

export async function dropDraftPlan(db: DbOrTx, bookingId: string): Promise<void> {
  await db.delete(paymentInstalments).where(and(eq(paymentInstalments.bookingId, bookingId), isNull(paymentInstalments.invoiceId)));
}

export async function insertInstalments(db: DbOrTx, rows: NewInstalmentRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(paymentInstalments).values(rows);
}

/** Adds one instalment unless it is there already; returns it when it is new. */
export async function addInstalment(db: DbOrTx, row: NewInstalmentRow): Promise<InstalmentRow | undefined> {
  const [inserted] = await db.insert(paymentInstalments).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** The highest instalment number of a booking so far (0 without any). */
export async function lastInstalmentSeq(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number | null>`max(${paymentInstalments.seq})` })
    .from(paymentInstalments)
    .where(eq(paymentInstalments.bookingId, bookingId));
  return Number(row?.seq ?? 0);
}

/** An invoice's instalments paid by their own PaymentIntent and not settled yet. */
export async function unsettledIntentInstalments(db: DbOrTx, invoiceId: string): Promise<InstalmentRow[]> {
  return db
    .select()
    .from(paymentInstalments)
    .where(
      and(
        eq(paymentInstalments.invoiceId, invoiceId),
        isNotNull(paymentInstalments.stripePaymentIntentId),
        notInArray(paymentInstalments.status, ['paid', 'refunded']),
      ),
    );
}

export async function overdueInstalments(db: DbOrTx): Promise<InstalmentRow[]> {
  return db.select().from(paymentInstalments).where(eq(paymentInstalments.status, 'overdue'));
}

export async function updateInstalment(db: DbOrTx, id: string, patch: Partial<NewInstalmentRow>): Promise<void> {
  await db.update(paymentInstalments).set(patch).where(eq(paymentInstalments.id, id));
}

/**
 * Sets the status of the instalment a PaymentIntent pays, unless it is in one of `unless`
 * (or, with `onlyFrom`, only when it is in one of those).
 */
export async function setIntentInstalment(
  db: DbOrTx,
  paymentIntentId: string,
  patch: Partial<NewInstalmentRow> & { status: InstalmentStatus },
  when: { unless?: InstalmentStatus; onlyFrom?: InstalmentStatus[] } = {},
): Promise<void> {
  const conds = [eq(paymentInstalments.stripePaymentIntentId, paymentIntentId)];
  if (when.unless) conds.push(ne(paymentInstalments.status, when.unless));
  if (when.onlyFrom) conds.push(inArray(paymentInstalments.status, when.onlyFrom));
  await db
    .update(paymentInstalments)
    .set(patch)
    .where(and(...conds));
}

/**
 * Sets the status of an invoice's instalments, except those in `except`; `withoutIntent` limits it
 * to the ones paid through the invoice itself, `onlyFrom` to those in these statuses.
 */
export async function setInvoiceInstalments(
  db: DbOrTx,
  invoiceId: string,
  patch: Partial<NewInstalmentRow> & { status: InstalmentStatus },
  when: { except?: InstalmentStatus[]; onlyFrom?: InstalmentStatus[]; withoutIntent?: boolean } = {},
): Promise<void> {
  const conds = [eq(paymentInstalments.invoiceId, invoiceId)];
  if (when.except) conds.push(notInArray(paymentInstalments.status, when.except));
  if (when.onlyFrom) conds.push(inArray(paymentInstalments.status, when.onlyFrom));
  if (when.withoutIntent) conds.push(isNull(paymentInstalments.stripePaymentIntentId));
  await db
    .update(paymentInstalments)
    .set(patch)
    .where(and(...conds));
}

/** A repriced invoice's voided instalments go (the new invoice has its own schedule). */
export async function deleteVoidInstalments(db: DbOrTx, invoiceId: string): Promise<void> {
  await db.delete(paymentInstalments).where(and(eq(paymentInstalments.invoiceId, invoiceId), eq(paymentInstalments.status, 'void')));
}
