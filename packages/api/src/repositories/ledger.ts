import { and, desc, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { ledgerEntries } from '@handled/db/schema';

export type NewLedgerEntryRow = typeof ledgerEntries.$inferInsert;

/** Whether a movement (`charge:pi_…`, `transfer:tr_…`) is already in the ledger. */
export async function ledgerHas(db: DbOrTx, txId: string): Promise<boolean> {
  const [seen] = await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.txId, txId)).limit(1);
  return Boolean(seen);
}

/** Writes a movement's postings; (txId, account) is unique, so a second write of the same one adds nothing. */
export async function insertPostings(db: DbOrTx, rows: NewLedgerEntryRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(ledgerEntries).values(rows).onConflictDoNothing();
}

/** Sum of all entries per transaction and per booking that do not net to zero (should be none). */
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
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, account));
  return Number(row?.sum ?? 0);
}

/** Bookings whose money moved through the ledger. */
export async function bookingIdsInLedger(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ bookingId: ledgerEntries.bookingId })
    .from(ledgerEntries)
    .where(isNotNull(ledgerEntries.bookingId));
  return rows.flatMap((r) => (r.bookingId ? [r.bookingId] : []));
}

/** A booking's entries on one account (e.g. the Stripe balance). */
export async function ledgerEntriesOf(db: DbOrTx, bookingId: string, account: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.bookingId, bookingId), eq(ledgerEntries.account, account)));
}

/** What the ledger holds, for reconciliation: per currency and kind on one account, bookings per currency, movements. */
export async function ledgerTotals(db: DbOrTx, account: string) {
  const [byKind, bookingsPer, [transactions]] = await Promise.all([
    db
      .select({ currency: ledgerEntries.currency, kind: ledgerEntries.kind, amount: sql<number>`sum(${ledgerEntries.amount})` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.account, account), isNotNull(ledgerEntries.bookingId)))
      .groupBy(ledgerEntries.currency, ledgerEntries.kind),
    db
      .select({ currency: ledgerEntries.currency, n: sql<number>`count(distinct ${ledgerEntries.bookingId})` })
      .from(ledgerEntries)
      .where(isNotNull(ledgerEntries.bookingId))
      .groupBy(ledgerEntries.currency),
    db.select({ n: sql<number>`count(distinct ${ledgerEntries.txId})` }).from(ledgerEntries),
  ]);
  return { byKind, bookingsPer, transactions: Number(transactions?.n ?? 0) };
}

/**
 * A provider's money as the ledger holds it, per currency: what became theirs (jobs, fees, tips),
 * what was transferred, what refunds took back before and after a transfer, what came back by
 * reversals, and how many jobs earned (`earn:<booking>` transactions — the demo's history included).
 */
export async function providerLedgerSummary(db: DbOrTx, providerId: string) {
  const payable = `provider_payable:${providerId}`;
  const owed = `provider_owed:${providerId}`;
  const sumWhen = (cond: ReturnType<typeof sql>) =>
    sql<number>`coalesce(sum(case when ${cond} then ${ledgerEntries.amount} else 0 end), 0)`;
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      earned: sumWhen(sql`${ledgerEntries.account} = ${payable} and ${ledgerEntries.kind} = 'fee'`),
      transferred: sumWhen(sql`${ledgerEntries.account} = ${payable} and ${ledgerEntries.kind} = 'transfer'`),
      payableBalance: sumWhen(sql`${ledgerEntries.account} = ${payable}`),
      takenBack: sumWhen(sql`${ledgerEntries.account} = ${owed} and ${ledgerEntries.amount} > 0`),
      owedBalance: sumWhen(sql`${ledgerEntries.account} = ${owed}`),
      jobs: sql<number>`count(distinct case when ${ledgerEntries.account} = ${payable} and ${ledgerEntries.txId} like 'earn:%' then ${ledgerEntries.bookingId} end)`,
    })
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.account} in (${payable}, ${owed})`)
    .groupBy(ledgerEntries.currency);
  return rows.map((r) => ({
    currency: r.currency,
    earned: -Number(r.earned),
    transferred: Number(r.transferred),
    /** Earned and not transferred yet (on its way or on hold). */
    waiting: -Number(r.payableBalance),
    /** Taken back after a transfer (by refunds and lost disputes), whether reversed or still owed. */
    takenBack: Number(r.takenBack),
    owed: Number(r.owedBalance),
    jobs: Number(r.jobs),
  }));
}

/** The credits given to one client (an operator's goodwill), newest first: the rows on their `client_credit:` account. */
export async function creditRowsOfClient(db: DbOrTx, account: string) {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.account, account)).orderBy(desc(ledgerEntries.at));
}

/** Every client's credit account with what it holds (negative: owed to the client), per currency, for reconciliation. */
export async function clientCreditAccounts(db: DbOrTx) {
  const rows = await db
    .select({ account: ledgerEntries.account, currency: ledgerEntries.currency, sum: sql<number>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .where(like(ledgerEntries.account, 'client_credit:%'))
    .groupBy(ledgerEntries.account, ledgerEntries.currency);
  return rows.map((r) => ({ ...r, sum: Number(r.sum) }));
}
