import { desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@handled/db';
import { settingVersions } from '@handled/db/schema';

export type SettingVersionRow = typeof settingVersions.$inferSelect;

/** The version in force of a setting (the newest), if it was ever set. */
export async function latestSetting(db: DbOrTx, key: string): Promise<SettingVersionRow | undefined> {
  const [row] = await db.select().from(settingVersions).where(eq(settingVersions.key, key)).orderBy(desc(settingVersions.version)).limit(1);
  return row;
}

const LATEST_VALUE_SQL = 'select value from setting_version where key = ?1 order by version desc limit 1';

/** The latest stored value of a setting as stored (JSON text), on the hot reads' prepared statements. */
export async function latestSettingText(db: Db, key: string): Promise<string | undefined> {
  const row = await db.$reads.get(LATEST_VALUE_SQL, [key]);
  return row ? String(row[0]) : undefined;
}

export async function settingHistory(db: DbOrTx, key: string, limit: number): Promise<SettingVersionRow[]> {
  return db.select().from(settingVersions).where(eq(settingVersions.key, key)).orderBy(desc(settingVersions.version)).limit(limit);
}

/** Appends a version; the primary key (key, version) refuses a second writer of the same version. */
export async function insertSettingVersion(db: DbOrTx, row: typeof settingVersions.$inferInsert): Promise<SettingVersionRow> {
  const [inserted] = await db.insert(settingVersions).values(row).returning();
  if (!inserted) throw new Error('Setting insert returned nothing');
  return inserted;
}
