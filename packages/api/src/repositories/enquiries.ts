import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { enquiries, enquiryMessages, providerProfiles, users } from '@handled/db/schema';

export type EnquiryRow = typeof enquiries.$inferSelect;
export type EnquiryMessageRow = typeof enquiryMessages.$inferSelect;

export async function enquiryById(db: DbOrTx, id: string): Promise<EnquiryRow | undefined> {
  const [row] = await db.select().from(enquiries).where(eq(enquiries.id, id)).limit(1);
  return row;
}

export async function enquiryBetween(db: DbOrTx, clientId: string, providerId: string): Promise<EnquiryRow | undefined> {
  const [row] = await db
    .select()
    .from(enquiries)
    .where(and(eq(enquiries.clientId, clientId), eq(enquiries.providerId, providerId)))
    .limit(1);
  return row;
}

/** The client's conversation with this provider, made on the first question (the pair is unique). */
export async function upsertEnquiry(
  db: DbOrTx,
  row: { clientId: string; providerId: string; categoryId: string | null; at: Date },
): Promise<EnquiryRow> {
  const [saved] = await db
    .insert(enquiries)
    .values({ clientId: row.clientId, providerId: row.providerId, categoryId: row.categoryId, createdAt: row.at, lastMessageAt: row.at })
    .onConflictDoUpdate({ target: [enquiries.clientId, enquiries.providerId], set: { lastMessageAt: row.at } })
    .returning();
  if (!saved) throw new Error('Enquiry upsert returned nothing');
  return saved;
}

export async function touchEnquiry(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(enquiries).set({ lastMessageAt: at }).where(eq(enquiries.id, id));
}

export async function insertEnquiryMessage(
  db: DbOrTx,
  row: { enquiryId: string; senderId: string; body: string; createdAt: Date },
): Promise<EnquiryMessageRow> {
  const [inserted] = await db.insert(enquiryMessages).values(row).returning();
  if (!inserted) throw new Error('Enquiry message insert returned nothing');
  return inserted;
}

export async function enquiryMessagesOf(db: DbOrTx, enquiryId: string, limit: number): Promise<EnquiryMessageRow[]> {
  const rows = await db
    .select()
    .from(enquiryMessages)
    .where(eq(enquiryMessages.enquiryId, enquiryId))
    .orderBy(desc(sql`${enquiryMessages}.rowid`))
    .limit(limit);
  return rows.reverse();
}

export async function countEnquiryMessagesSince(db: DbOrTx, senderId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(enquiryMessages)
    .where(and(eq(enquiryMessages.senderId, senderId), sql`${enquiryMessages.createdAt} >= ${since.getTime()}`));
  return row?.n ?? 0;
}

export async function markEnquiryRead(db: DbOrTx, enquiryId: string, readerId: string, at: Date): Promise<number> {
  const rows = await db
    .update(enquiryMessages)
    .set({ readAt: at })
    .where(and(eq(enquiryMessages.enquiryId, enquiryId), ne(enquiryMessages.senderId, readerId), isNull(enquiryMessages.readAt)))
    .returning({ id: enquiryMessages.id });
  return rows.length;
}

/** The person's enquiries (as the client or the provider), newest first, with both names and the unread count. */
export async function enquiriesOf(db: DbOrTx, userId: string, limit: number) {
  const unread = sql<number>`(select count(*) from enquiry_message m where m.enquiry_id = ${enquiries.id} and m.sender_id <> ${userId} and m.read_at is null)`;
  const last = sql<
    string | null
  >`(select m.body from enquiry_message m where m.enquiry_id = ${enquiries.id} order by m.created_at desc, m.rowid desc limit 1)`;
  return db
    .select({
      enquiry: enquiries,
      clientName: users.name,
      providerName: providerProfiles.displayName,
      providerSlug: providerProfiles.slug,
      unread,
      lastBody: last,
    })
    .from(enquiries)
    .innerJoin(users, eq(users.id, enquiries.clientId))
    .innerJoin(providerProfiles, eq(providerProfiles.userId, enquiries.providerId))
    .where(or(eq(enquiries.clientId, userId), eq(enquiries.providerId, userId)))
    .orderBy(desc(enquiries.lastMessageAt))
    .limit(limit);
}

export async function enquiryParties(db: DbOrTx, enquiryId: string) {
  const [row] = await db
    .select({
      enquiry: enquiries,
      clientName: users.name,
      clientEmail: users.email,
      providerName: providerProfiles.displayName,
      providerSlug: providerProfiles.slug,
    })
    .from(enquiries)
    .innerJoin(users, eq(users.id, enquiries.clientId))
    .innerJoin(providerProfiles, eq(providerProfiles.userId, enquiries.providerId))
    .where(eq(enquiries.id, enquiryId))
    .limit(1);
  return row;
}
