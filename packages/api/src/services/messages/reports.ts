import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { markMessageReportReviewed, messageReportsList } from '../../repositories/message-reports.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';

/** Reported messages for the operator console, newest first. */
export async function listMessageReports(deps: ServiceDeps, input: { status: 'open' | 'reviewed' | 'all' }) {
  const rows = await messageReportsList(deps.db, input.status, 200);
  return {
    reports: rows.map((r) => ({
      id: r.report.id,
      status: r.report.status,
      reason: r.report.reason,
      reportedAt: r.report.createdAt.toISOString(),
      reporterName: r.reporterName,
      messageId: r.report.messageId,
      body: r.body,
      sentAt: r.sentAt.toISOString(),
      authorId: r.authorId,
      authorName: r.authorName,
      bookingId: r.report.bookingId,
      reference: r.reference,
      reviewedAt: r.report.reviewedAt?.toISOString() ?? null,
      reviewNote: r.report.reviewNote,
    })),
  };
}

/** An operator closes a report with a note, audited. */
export async function reviewMessageReport(deps: ServiceDeps, admin: SessionUser, input: { reportId: string; note: string }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await markMessageReportReviewed(tx, input.reportId, admin.id, input.note, now);
    if (!row) throw new DomainError('NOT_FOUND', 'We could not find that report.');
    await recordAudit(
      tx,
      { actor: admin, action: 'message_report.review', subjectType: 'message_report', subjectId: row.id, reason: input.note },
      now,
    );
    return { id: row.id, status: row.status };
  });
}
