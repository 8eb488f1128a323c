import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '@handled/db';
import { bookings, messageReports, messages, users } from '@handled/db/schema';

export type MessageReportRow = typeof messageReports.$inferSelect;

/** Records a report; a second report of the same message by the same person returns the first. */
export async function insertMessageReport(
  db: DbOrTx,
  row: { messageId: string; bookingId: string; reporterId: string; reason: string; createdAt: Date },
): Promise<{ report: MessageReportRow; created: boolean }> {
  const [inserted] = await db.insert(messageReports).values(row).onConflictDoNothing().returning();
  if (inserted) return { report: inserted, created: true };
  const [existing] = await db
    .select()
    .from(messageReports)
    .where(and(eq(messageReports.messageId, row.messageId), eq(messageReports.reporterId, row.reporterId)))
    .limit(1);
  if (!existing) throw new Error('Message report vanished');
  return { report: existing, created: false };
}

/** Reports for the operators, newest first, with the message, its author and the reporter. */
export async function messageReportsList(db: DbOrTx, status: MessageReportRow['status'] | 'all', limit: number) {
  const reporter = alias(users, 'reporter');
  const author = alias(users, 'author');
  return db
    .select({
      report: messageReports,
      body: messages.body,
      sentAt: messages.createdAt,
      authorId: messages.senderId,
      authorName: author.name,
      reporterName: reporter.name,
      reference: bookings.reference,
    })
    .from(messageReports)
    .innerJoin(messages, eq(messages.id, messageReports.messageId))
    .innerJoin(bookings, eq(bookings.id, messageReports.bookingId))
    .innerJoin(reporter, eq(reporter.id, messageReports.reporterId))
    .innerJoin(author, eq(author.id, messages.senderId))
    .where(status === 'all' ? undefined : eq(messageReports.status, status))
    .orderBy(desc(messageReports.createdAt))
    .limit(limit);
}

export async function markMessageReportReviewed(
  db: DbOrTx,
  id: string,
  by: string,
  note: string,
  at: Date,
): Promise<MessageReportRow | undefined> {
  const [row] = await db
    .update(messageReports)
    .set({ status: 'reviewed', reviewedAt: at, reviewedBy: by, reviewNote: note })
    .where(eq(messageReports.id, id))
    .returning();
  return row;
}
