import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { attachments } from '@handled/db/schema';

export type AttachmentRow = typeof attachments.$inferSelect;
export type NewAttachmentRow = typeof attachments.$inferInsert;

export async function attachmentById(db: DbOrTx, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row;
}

export async function countAttachmentsOf(db: DbOrTx, bookingId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(attachments).where(eq(attachments.bookingId, bookingId));
  return row?.n ?? 0;
}

/** A booking's job photos (before and after), oldest first. */
export async function jobPhotosOf(db: DbOrTx, bookingId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.bookingId, bookingId), inArray(attachments.kind, ['before', 'after'])))
    .orderBy(asc(attachments.createdAt));
}

export async function insertAttachment(db: DbOrTx, row: NewAttachmentRow): Promise<AttachmentRow> {
  const [inserted] = await db.insert(attachments).values(row).returning();
  if (!inserted) throw new Error('Attachment insert returned nothing');
  return inserted;
}
