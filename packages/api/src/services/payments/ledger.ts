import { eq, sql } from 'drizzle-orm';
import type { Currency } from '@handled/core/money';
import type { LedgerTransaction } from '@handled/core/payments';
import type { DbOrTx } from '@handled/db';
import { ledgerEntries } from '@handled/db/schema';

/**
 * Writes one ledger transaction. `txId` names the movement (e.g. `charge:pi_…`, `transfer:tr_…`),
 * and (txId, account) is unique, so writing the same movement twice records it once.
 */
export async function postLedger(
  tx: DbOrTx,
  p: { txId: string; bookingId: string | null; currency: Currency; entry: LedgerTransaction; externalRef?: string | null; at: Date },
): Promise<boolean> {
  const [seen] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.txId, p.txId)).limit(1);
  if (seen) return false;
  if (p.entry.postings.length === 0) return false;
  await tx
    .insert(ledgerEntries)
    .values(
      p.entry.postings.map((x) => ({
        txId: p.txId,
        bookingId: p.bookingId,
        account: x.account,
        amount: x.amount,
        currency: p.currency,
        kind: p.entry.kind,
        externalRef: p.externalRef ?? null,
        at: p.at,
      })),
    )
    .onConflictDoNothing();
  return true;
}

/** Sum of all entries per currency and per booking that do not net to zero (should be none). */
export async function ledgerImbalances(db: DbOrTx) {
  const byTx = await db
    .select({ txId: ledgerEntries.txId, currency: ledgerEntries.currency, sum: sql<number>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.txId, ledgerEntries.currency)
    .having(sql`sum(${ledgerEntries.amount}) != 0`);
  const byBooking = await db
    .select({ bookingId: ledgerEntries.bookingId, currency: ledgerEntries.currency, sum: sql<number>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.bookingId, ledgerEntries.currency)
    .having(sql`sum(${ledgerEntries.amount}) != 0`);
  return { transactions: byTx, bookings: byBooking };
}

export async function accountBalance(db: DbOrTx, account: string): Promise<number> {
  const [row] = await db.select({ sum: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` }).from(ledgerEntries).where(eq(ledgerEntries.account, account));
  return Number(row?.sum ?? 0);
}
