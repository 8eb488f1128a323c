import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bankPayouts, bookings, payouts } from '@handled/db/schema';

export type PayoutRow = typeof payouts.$inferSelect;
export type NewPayoutRow = typeof payouts.$inferInsert;
export type PayoutStatus = PayoutRow['status'];
export type PayoutKind = PayoutRow['kind'];
export type PayoutReason = PayoutRow['reason'];
export type BankPayoutRow = typeof bankPayouts.$inferSelect;
export type NewBankPayoutRow = typeof bankPayouts.$inferInsert;

/** A booking's payout of a kind (one at most): its earnings — the job's or a fee's — or its tip. */
export async function payoutOfBooking(db: DbOrTx, bookingId: string, kind: PayoutKind = 'earnings'): Promise<PayoutRow | undefined> {
  const [row] = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.bookingId, bookingId), eq(payouts.kind, kind)));
  return row;
}

export async function payoutById(db: DbOrTx, id: string): Promise<PayoutRow | undefined> {
  const [row] = await db.select().from(payouts).where(eq(payouts.id, id));
  return row;
}

export async function payoutByTransfer(db: DbOrTx, stripeTransferId: string): Promise<PayoutRow | undefined> {
  const [row] = await db.select().from(payouts).where(eq(payouts.stripeTransferId, stripeTransferId));
  return row;
}

/** Adds a booking's payout; `once`: not when it has one of that kind already. */
export async function insertPayout(db: DbOrTx, row: NewPayoutRow, { once = false }: { once?: boolean } = {}): Promise<void> {
  const insert = db.insert(payouts).values(row);
  await (once ? insert.onConflictDoNothing() : insert);
}

export async function updatePayout(db: DbOrTx, id: string, patch: Partial<NewPayoutRow>): Promise<void> {
  await db.update(payouts).set(patch).where(eq(payouts.id, id));
}

/** A provider's payouts in this status (e.g. scheduled, waiting for them to be ready). */
export async function providerPayouts(db: DbOrTx, providerId: string, status?: PayoutStatus): Promise<PayoutRow[]> {
  return db
    .select()
    .from(payouts)
    .where(status ? and(eq(payouts.providerId, providerId), eq(payouts.status, status)) : eq(payouts.providerId, providerId));
}

/** A provider's payouts with their booking's reference and date, newest first. */
export async function payoutsWithBookingsOf(db: DbOrTx, providerId: string, limit: number) {
  return db
    .select({ payout: payouts, reference: bookings.reference, startsAt: bookings.startsAt })
    .from(payouts)
    .innerJoin(bookings, eq(bookings.id, payouts.bookingId))
    .where(eq(payouts.providerId, providerId))
    .orderBy(desc(payouts.createdAt))
    .limit(limit);
}

export async function payoutsInStatus(db: DbOrTx, statuses: readonly PayoutStatus[]): Promise<PayoutRow[]> {
  return db
    .select()
    .from(payouts)
    .where(inArray(payouts.status, [...statuses]));
}

/** Payouts held for a person: frozen, scheduled with a hold reason, or with a failed transfer. */
export async function heldPayouts(db: DbOrTx): Promise<PayoutRow[]> {
  return db
    .select()
    .from(payouts)
    .where(
      or(eq(payouts.status, 'frozen'), and(eq(payouts.status, 'scheduled'), isNotNull(payouts.holdReason)), isNotNull(payouts.lastError)),
    );
}

/** Payouts whose provider owes part back (refunds that no reversal covered). */
export async function payoutsOwedBack(db: DbOrTx): Promise<PayoutRow[]> {
  return db
    .select()
    .from(payouts)
    .where(sql`${payouts.amountOwed} > 0`);
}

/** Bookings whose payout went out as a Stripe transfer. */
export async function bookingIdsTransferred(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ bookingId: payouts.bookingId }).from(payouts).where(isNotNull(payouts.stripeTransferId));
  return rows.map((r) => r.bookingId);
}

/** Records a provider's bank payout as Stripe reports it now (once per Stripe payout, updated after). */
export async function saveBankPayout(db: DbOrTx, row: NewBankPayoutRow & { stripePayoutId: string }): Promise<void> {
  const { providerId: _provider, stripeAccountId: _account, stripePayoutId: _payout, ...state } = row;
  await db.insert(bankPayouts).values(row).onConflictDoUpdate({ target: bankPayouts.stripePayoutId, set: state });
}

/** A provider's bank payouts, newest first; without a provider, all of them. */
export async function bankPayoutsOf(db: DbOrTx, providerId?: string, limit?: number): Promise<BankPayoutRow[]> {
  const query = db
    .select()
    .from(bankPayouts)
    .where(providerId ? eq(bankPayouts.providerId, providerId) : undefined)
    .orderBy(desc(bankPayouts.createdAt));
  return limit === undefined ? query : query.limit(limit);
}
