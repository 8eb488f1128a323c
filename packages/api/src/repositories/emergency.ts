import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '@handled/db';
import { bookings, emergencyAlerts, emergencyContacts, users } from '@handled/db/schema';

export type EmergencyContactRow = typeof emergencyContacts.$inferSelect;
export type EmergencyAlertRow = typeof emergencyAlerts.$inferSelect;
export type AlertStatus = EmergencyAlertRow['status'];

export async function emergencyContactOf(db: DbOrTx, userId: string): Promise<EmergencyContactRow | undefined> {
  const [row] = await db.select().from(emergencyContacts).where(eq(emergencyContacts.userId, userId)).limit(1);
  return row;
}

export async function saveEmergencyContact(db: DbOrTx, row: EmergencyContactRow): Promise<EmergencyContactRow> {
  const [saved] = await db
    .insert(emergencyContacts)
    .values(row)
    .onConflictDoUpdate({
      target: emergencyContacts.userId,
      set: { name: row.name, phone: row.phone, relation: row.relation, email: row.email, updatedAt: row.updatedAt },
    })
    .returning();
  if (!saved) throw new Error('Emergency contact upsert returned nothing');
  return saved;
}

export async function deleteEmergencyContact(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(emergencyContacts).where(eq(emergencyContacts.userId, userId));
}

/** Alerts raised on a booking since a moment (the rate limit counts them). */
export async function countAlertsSince(db: DbOrTx, bookingId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(emergencyAlerts)
    .where(and(eq(emergencyAlerts.bookingId, bookingId), sql`${emergencyAlerts.createdAt} >= ${since.getTime()}`));
  return row?.n ?? 0;
}

export async function insertAlert(db: DbOrTx, row: typeof emergencyAlerts.$inferInsert): Promise<EmergencyAlertRow> {
  const [inserted] = await db.insert(emergencyAlerts).values(row).returning();
  if (!inserted) throw new Error('Emergency alert insert returned nothing');
  return inserted;
}

export async function alertById(db: DbOrTx, id: string): Promise<EmergencyAlertRow | undefined> {
  const [row] = await db.select().from(emergencyAlerts).where(eq(emergencyAlerts.id, id)).limit(1);
  return row;
}

export async function updateAlert(
  db: DbOrTx,
  id: string,
  from: readonly AlertStatus[],
  patch: Partial<Pick<EmergencyAlertRow, 'status' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy' | 'resolutionNotes'>>,
): Promise<EmergencyAlertRow | undefined> {
  const [row] = await db
    .update(emergencyAlerts)
    .set(patch)
    .where(and(eq(emergencyAlerts.id, id), inArray(emergencyAlerts.status, [...from])))
    .returning();
  return row;
}

/** Alerts for the operators (open and acknowledged first), with the booking and the person who raised it. */
export async function alertsList(db: DbOrTx, statuses: readonly AlertStatus[], limit: number) {
  const raiser = alias(users, 'raiser');
  return db
    .select({
      alert: emergencyAlerts,
      reference: bookings.reference,
      address: bookings.address,
      startsAt: bookings.startsAt,
      timeZone: bookings.timeZone,
      bookingStatus: bookings.status,
      raisedByName: raiser.name,
    })
    .from(emergencyAlerts)
    .innerJoin(bookings, eq(bookings.id, emergencyAlerts.bookingId))
    .innerJoin(raiser, eq(raiser.id, emergencyAlerts.raisedBy))
    .where(inArray(emergencyAlerts.status, [...statuses]))
    .orderBy(desc(emergencyAlerts.createdAt))
    .limit(limit);
}

/** A booking's alerts, newest first (its page shows whether one is open). */
export async function alertsOfBooking(db: DbOrTx, bookingId: string): Promise<EmergencyAlertRow[]> {
  return db.select().from(emergencyAlerts).where(eq(emergencyAlerts.bookingId, bookingId)).orderBy(desc(emergencyAlerts.createdAt));
}

/** The operators to tell: every admin account. */
export async function operatorRecipients(db: DbOrTx) {
  return db.select({ id: users.id, name: users.name, email: users.email, phone: users.phone }).from(users).where(eq(users.role, 'admin'));
}
