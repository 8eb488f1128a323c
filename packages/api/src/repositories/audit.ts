import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { auditLog, users } from '@handled/db/schema';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

/** Appends one entry (the table refuses updates and deletes). */
export async function insertAudit(db: DbOrTx, row: NewAuditRow): Promise<AuditRow> {
  const [inserted] = await db.insert(auditLog).values(row).returning();
  if (!inserted) throw new Error('Audit insert returned nothing');
  return inserted;
}

/** What was done to one subject, newest first. */
export async function auditOf(db: DbOrTx, subjectType: string, subjectId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(desc(auditLog.at));
}

/** The newest entries, optionally of one subject type. */
export async function recentAudit(db: DbOrTx, limit: number, subjectType?: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(subjectType ? eq(auditLog.subjectType, subjectType) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(limit);
}

/** Names of these people (the actors an audit or a settings history shows). */
export async function usersNamed(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
