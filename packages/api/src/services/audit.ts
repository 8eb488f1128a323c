import type { DbOrTx } from '@handled/db';
import { insertAudit, type AuditRow } from '../repositories/audit.ts';
import type { SessionUser } from '../context.ts';

export interface AuditEntry {
  /** Who acted; null for the system (a job, the automatic checks). */
  actor: Pick<SessionUser, 'id' | 'role'> | null;
  /** Dotted, like `review.hide`. */
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Appends to the audit log in the caller's transaction, so the record and the change it describes
 * are written together or not at all. The operator console (issue 18) reads the same table.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry, at: Date): Promise<AuditRow> {
  return insertAudit(tx, {
    actorId: entry.actor?.id ?? null,
    actorKind: entry.actor === null ? 'system' : entry.actor.role === 'admin' ? 'admin' : 'user',
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    reason: entry.reason ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at,
  });
}

export function auditView(a: AuditRow, names: Map<string, string> = new Map()) {
  return {
    id: a.id,
    actorId: a.actorId,
    actorName: a.actorId ? (names.get(a.actorId) ?? null) : null,
    actorKind: a.actorKind,
    action: a.action,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    reason: a.reason,
    before: a.before,
    after: a.after,
    at: a.at.toISOString(),
  };
}
