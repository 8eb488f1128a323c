import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { notificationPreferences, savedAddresses, users } from '@handled/db/schema';

export type SavedAddressRow = typeof savedAddresses.$inferSelect;
export type AccountRow = Pick<
  typeof users.$inferSelect,
  'id' | 'name' | 'email' | 'emailVerified' | 'phone' | 'timeZone' | 'language' | 'role' | 'alsoClient' | 'deletedAt' | 'createdAt'
>;

export async function accountOf(db: DbOrTx, userId: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      phone: users.phone,
      timeZone: users.timeZone,
      language: users.language,
      role: users.role,
      alsoClient: users.alsoClient,
      deletedAt: users.deletedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function saveAccountProfile(
  db: DbOrTx,
  userId: string,
  patch: { name: string; phone: string | null; timeZone: string; language?: string | undefined },
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: now })
    .where(eq(users.id, userId));
}

/** A person's addresses, the default first, then the newest. */
export async function savedAddressesOf(db: DbOrTx, userId: string): Promise<SavedAddressRow[]> {
  return db
    .select()
    .from(savedAddresses)
    .where(eq(savedAddresses.userId, userId))
    .orderBy(desc(savedAddresses.isDefault), desc(savedAddresses.createdAt), asc(savedAddresses.id));
}

/** One of this person's addresses (another person's id finds nothing). */
export async function savedAddressOf(db: DbOrTx, userId: string, id: string): Promise<SavedAddressRow | undefined> {
  const [row] = await db
    .select()
    .from(savedAddresses)
    .where(and(eq(savedAddresses.userId, userId), eq(savedAddresses.id, id)));
  return row;
}

export async function countSavedAddresses(db: DbOrTx, userId: string): Promise<number> {
  return db.$count(savedAddresses, eq(savedAddresses.userId, userId));
}

type AddressFields = Pick<SavedAddressRow, 'label' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country' | 'isDefault'>;

export async function insertSavedAddress(db: DbOrTx, userId: string, fields: AddressFields, now: Date): Promise<SavedAddressRow> {
  const [row] = await db
    .insert(savedAddresses)
    .values({ ...fields, userId, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('Saved address insert returned nothing');
  return row;
}

export async function updateSavedAddress(db: DbOrTx, userId: string, id: string, fields: AddressFields, now: Date): Promise<void> {
  await db
    .update(savedAddresses)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(savedAddresses.userId, userId), eq(savedAddresses.id, id)));
}

/** Every other address of the person stops being the default. */
export async function clearOtherDefaults(db: DbOrTx, userId: string, keepId: string): Promise<void> {
  await db
    .update(savedAddresses)
    .set({ isDefault: false })
    .where(and(eq(savedAddresses.userId, userId), ne(savedAddresses.id, keepId), eq(savedAddresses.isDefault, true)));
}

export async function setDefaultAddress(db: DbOrTx, userId: string, id: string): Promise<void> {
  await db
    .update(savedAddresses)
    .set({ isDefault: true })
    .where(and(eq(savedAddresses.userId, userId), eq(savedAddresses.id, id)));
}

export async function deleteSavedAddress(db: DbOrTx, userId: string, id: string): Promise<number> {
  const gone = await db
    .delete(savedAddresses)
    .where(and(eq(savedAddresses.userId, userId), eq(savedAddresses.id, id)))
    .returning({ id: savedAddresses.id });
  return gone.length;
}

export async function notificationChoicesOf(db: DbOrTx, userId: string): Promise<Record<string, Record<string, boolean>> | null> {
  const [row] = await db
    .select({ choices: notificationPreferences.choices })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row ? row.choices : null;
}

/**
 * The choices per group and channel; the per-channel switches the senders read today follow them
 * (a channel is on while any group uses it), until the notifications work reads the groups.
 */
export async function saveNotificationChoices(
  db: DbOrTx,
  userId: string,
  choices: Record<string, Record<string, boolean>>,
  now: Date,
): Promise<void> {
  const any = (channel: string) => Object.values(choices).some((g) => g[channel] === true);
  const row = { choices, email: any('email'), sms: any('sms'), push: any('push'), telegram: any('telegram'), updatedAt: now };
  await db
    .insert(notificationPreferences)
    .values({ userId, ...row })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: row });
}
