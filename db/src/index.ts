export { createDb, prepareDb, migrationsFolder, type Db, type Tx, type DbOrTx, type DbOptions } from './client.ts';
export { systemNow } from './clock.ts';
