import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { statementOf, type Db, type DbOrTx, type InStatement } from '@handled/db';
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

export async function insertAttachment(db: DbOrTx, row: NewAttachmentRow): Promise<AttachmentRow> {
  const [inserted] = await db.insert(attachments).values(row).returning();
  if (!inserted) throw new Error('Attachment insert returned nothing');
  return inserted;
}

/** A booking's photos of the given kinds, oldest first. */
export async function photosOf(db: DbOrTx, bookingId: string, kinds: readonly AttachmentRow['kind'][]): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.bookingId, bookingId), inArray(attachments.kind, [...kinds])))
    .orderBy(asc(attachments.createdAt));
}

/** A client's photos of the problem not yet sent with a request (among `ids`, when given). */
const unsentOf = (uploaderId: string, ids?: readonly string[]) =>
  and(
    ...(ids ? [inArray(attachments.id, [...ids])] : []),
    eq(attachments.uploaderId, uploaderId),
    eq(attachments.kind, 'problem'),
    isNull(attachments.bookingId),
  );

/** Photos of the problem a client uploaded and has not sent with a request yet, among `ids`. */
export async function unsentRequestPhotos(db: DbOrTx, uploaderId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(attachments).where(unsentOf(uploaderId, ids));
}

export async function countUnsentRequestPhotos(db: DbOrTx, uploaderId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(attachments).where(unsentOf(uploaderId));
  return row?.n ?? 0;
}

/**
 * Ties a client's unsent photos of the problem to the booking they were sent with, as a statement
 * built now to run in the request's write transaction: it changes exactly `ids.length` rows when
 * every photo is still the client's and unsent.
 */
export function linkRequestPhotosStatement(db: Db, uploaderId: string, ids: readonly string[], bookingId: string): InStatement {
  return statementOf(db.update(attachments).set({ bookingId }).where(unsentOf(uploaderId, ids)));
}

/** How many photos of each kind a booking has (for messages that only count them). */
export async function photoCountsOf(db: DbOrTx, bookingId: string): Promise<Partial<Record<AttachmentRow['kind'], number>>> {
  const rows = await db
    .select({ kind: attachments.kind, n: count() })
    .from(attachments)
    .where(eq(attachments.bookingId, bookingId))
    .groupBy(attachments.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

export async function attachmentsByIds(db: DbOrTx, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(attachments)
    .where(inArray(attachments.id, [...ids]));
}
