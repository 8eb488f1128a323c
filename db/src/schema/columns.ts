import { integer, text } from 'drizzle-orm/sqlite-core';

/** Instants are stored as UTC epoch milliseconds and read back as Date. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
export const createdAt = () =>
  instant('created_at')
    .notNull()
    .$defaultFn(() => new Date());
export const updatedAt = () =>
  instant('updated_at')
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
export const bool = (name: string) => integer(name, { mode: 'boolean' });
