import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { settingVersions } from '@handled/db/schema';

export type SettingVersionRow = typeof settingVersions.$inferSelect;

/** The version in force of a setting (the newest), if it was ever set. */
export async function latestSetting(db: DbOrTx, key: string): Promise<SettingVersionRow | undefined> {
  const [row] = await db.select().from(settingVersions).where(eq(settingVersions.key, key)).orderBy(desc(settingVersions.version)).limit(1);
  return row;
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
