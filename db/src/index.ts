export {
  createDb,
  prepareDb,
  preparedPerHandle,
  statementOf,
  writeTransaction,
  migrationsFolder,
  type Db,
  type Tx,
  type DbOrTx,
  type DbOptions,
} from './client.ts';
export type { InStatement } from '@libsql/client';
export { systemNow } from './clock.ts';
