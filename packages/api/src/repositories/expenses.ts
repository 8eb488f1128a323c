import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookingExpenses } from '@handled/db/schema';

export type ExpenseRow = typeof bookingExpenses.$inferSelect;
export type NewExpenseRow = typeof bookingExpenses.$inferInsert;

/** A booking's materials and expenses, in the order they were added. */
export async function expensesOfBooking(db: DbOrTx, bookingId: string): Promise<ExpenseRow[]> {
  return db.select().from(bookingExpenses).where(eq(bookingExpenses.bookingId, bookingId)).orderBy(asc(bookingExpenses.createdAt));
}

export async function expensesTotalOf(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${bookingExpenses.amount}), 0)` })
    .from(bookingExpenses)
    .where(eq(bookingExpenses.bookingId, bookingId));
  return Number(row?.total ?? 0);
}

export async function countExpensesOf(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(bookingExpenses)
    .where(eq(bookingExpenses.bookingId, bookingId));
  return Number(row?.n ?? 0);
}

export async function insertExpense(db: DbOrTx, row: NewExpenseRow): Promise<ExpenseRow> {
  const [saved] = await db.insert(bookingExpenses).values(row).returning();
  if (!saved) throw new Error('Expense was not saved');
  return saved;
}

export async function expenseById(db: DbOrTx, id: string): Promise<ExpenseRow | undefined> {
  const [row] = await db.select().from(bookingExpenses).where(eq(bookingExpenses.id, id));
  return row;
}

export async function deleteExpense(db: DbOrTx, id: string): Promise<void> {
  await db.delete(bookingExpenses).where(eq(bookingExpenses.id, id));
}
