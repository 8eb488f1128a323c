import { getTableColumns } from 'drizzle-orm';
import type { SQLiteInsertValue, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../client.ts';

/** SQLite allows 32 766 bound parameters per statement; stay under it with room to spare. */
const MAX_PARAMS = 30_000;

/** Multi-row inserts, as many rows per statement as the parameter limit allows. */
export async function insertMany<T extends SQLiteTable>(db: DbOrTx, table: T, rows: readonly SQLiteInsertValue<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(getTableColumns(table)).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let i = 0; i < rows.length; i += size) {
    await db.insert(table).values(rows.slice(i, i + size));
  }
}
