import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import type { SQLiteInsertValue, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../client.ts';

const ROWS_PER_STATEMENT = 2_000;

/** One value as an SQLite literal. Strings are quoted with '' doubled; nothing else is ever inlined raw. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot store ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`;
  throw new TypeError(`Cannot store a ${typeof value} as a literal`);
}

/**
 * Multi-row inserts for seeding: rows become literal VALUES lists, a couple of thousand per
 * statement. Drizzle's own builder spends most of its time binding parameters (about 5x slower
 * at 50,000 providers); values still go through each column's `mapToDriverValue` (dates,
 * booleans, JSON) and `$defaultFn`, so rows are stored exactly as drizzle would store them.
 */
export async function insertMany<T extends SQLiteTable>(db: DbOrTx, table: T, rows: readonly SQLiteInsertValue<T>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>).filter(
    ([key, col]) => (first as Record<string, unknown>)[key] !== undefined || col.defaultFn !== undefined,
  );
  const head = `insert into "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
      const r = row as Record<string, unknown>;
      const cells = columns.map(([key, col]) => {
        const v = r[key] === undefined && col.defaultFn ? col.defaultFn() : r[key];
        return literal(v === null || v === undefined ? null : col.mapToDriverValue(v));
      });
      return `(${cells.join(', ')})`;
    });
    await db.run(sql.raw(head + values.join(',\n')));
  }
}
