import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { billingCustomers, invoices } from '@handled/db/schema';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;

export async function invoiceById(db: DbOrTx, id: string): Promise<InvoiceRow | undefined> {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row;
}

export async function invoiceByStripeId(db: DbOrTx, stripeInvoiceId: string): Promise<InvoiceRow | undefined> {
  const [row] = await db.select().from(invoices).where(eq(invoices.stripeInvoiceId, stripeInvoiceId));
  return row;
}

/** A booking's invoices, oldest first; `live`: leaving out the void ones. */
export async function invoicesOfBooking(db: DbOrTx, bookingId: string, { live = false }: { live?: boolean } = {}): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(live ? and(eq(invoices.bookingId, bookingId), ne(invoices.status, 'void')) : eq(invoices.bookingId, bookingId))
    .orderBy(asc(invoices.createdAt));
}

/** The booking's newest paid invoice (out-of-band refunds are noted on it). */
export async function latestPaidInvoiceOf(db: DbOrTx, bookingId: string): Promise<InvoiceRow | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.bookingId, bookingId), eq(invoices.status, 'paid')))
    .orderBy(desc(invoices.createdAt))
    .limit(1);
  return row;
}

/** Invoices with a hosted page, of these bookings (the admin links to them). */
export async function hostedInvoicesOf(db: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return [];
  return db
    .select({ bookingId: invoices.bookingId, hostedUrl: invoices.hostedUrl, status: invoices.status })
    .from(invoices)
    .where(and(inArray(invoices.bookingId, bookingIds), isNotNull(invoices.hostedUrl)));
}

/** Records an invoice Stripe issued, once (by its Stripe id); returns our row. */
export async function recordInvoice(db: DbOrTx, row: NewInvoiceRow & { stripeInvoiceId: string }): Promise<InvoiceRow> {
  await db.insert(invoices).values(row).onConflictDoNothing({ target: invoices.stripeInvoiceId });
  const stored = await invoiceByStripeId(db, row.stripeInvoiceId);
  if (!stored) throw new Error('invoice row missing after insert');
  return stored;
}

export async function updateInvoice(db: DbOrTx, id: string, patch: Partial<NewInvoiceRow>): Promise<void> {
  await db.update(invoices).set(patch).where(eq(invoices.id, id));
}

/** The client's Stripe customer, if one was made. */
export async function billingCustomerOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId));
  return row?.stripeCustomerId ?? null;
}

export async function saveBillingCustomer(db: DbOrTx, userId: string, stripeCustomerId: string): Promise<void> {
  await db.insert(billingCustomers).values({ userId, stripeCustomerId }).onConflictDoNothing();
}
