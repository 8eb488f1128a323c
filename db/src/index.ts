export { createDb, prepareDb, preparedPerHandle, migrationsFolder, type Db, type Tx, type DbOrTx, type DbOptions } from './client.ts';
export { systemNow } from './clock.ts';
