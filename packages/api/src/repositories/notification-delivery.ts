import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { preparedPerHandle, type DbOrTx } from '@handled/db';
import {
  notificationChannelStates,
  notificationPreferences,
  notifications,
  pushSubscriptions,
  telegramLinks,
  users,
} from '@handled/db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type ChannelState = typeof notificationChannelStates.$inferSelect;
export type StateChannel = ChannelState['channel'];

/** Who a message goes to, with everything the channels need: addresses, zone, preferences, broken channels. */
/** The reads behind `recipientOf`, built once per database handle (see `preparedPerHandle`). */
const recipientQueries = preparedPerHandle((db) => {
  const userId = sql.placeholder('userId');
  return {
    person: db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        phone: users.phone,
        timeZone: users.timeZone,
        language: users.language,
        role: users.role,
        choices: notificationPreferences.choices,
        quietHoursStart: notificationPreferences.quietHoursStart,
        quietHoursEnd: notificationPreferences.quietHoursEnd,
        smsConsentAt: notificationPreferences.smsConsentAt,
      })
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(eq(users.id, userId))
      .prepare(),
    states: db.select().from(notificationChannelStates).where(eq(notificationChannelStates.userId, userId)).prepare(),
    pushes: db
      .select({ endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .prepare(),
    telegram: db.select({ chatId: telegramLinks.chatId }).from(telegramLinks).where(eq(telegramLinks.userId, userId)).limit(1).prepare(),
  };
});

export async function recipientOf(db: DbOrTx, userId: string) {
  const q = recipientQueries(db);
  const [person] = await q.person.all({ userId });
  if (!person) return null;
  const [states, pushes, telegram] = await Promise.all([q.states.all({ userId }), q.pushes.all({ userId }), q.telegram.all({ userId })]);
  // Older rows keep a phone as typed ("+1 718 555 0191"): texts go to its E.164 form.
  const phone = person.phone ? person.phone.replace(/[\s().-]/g, '') : null;
  return { ...person, phone, states, pushes, telegramChatId: telegram[0]?.chatId ?? null };
}
export type RecipientRecord = NonNullable<Awaited<ReturnType<typeof recipientOf>>>;

/** The row of one message on one channel, if it was already written. */
export async function notificationOn(db: DbOrTx, userId: string, template: string, channel: NotificationRow['channel']) {
  const [row] = await notificationOnQuery(db).all({ userId, template, channel });
  return row;
}
const notificationOnQuery = preparedPerHandle((db) =>
  db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, sql.placeholder('userId')),
        eq(notifications.template, sql.placeholder('template')),
        eq(notifications.channel, sql.placeholder('channel')),
      ),
    )
    .limit(1)
    .prepare(),
);

export async function notificationByExternalId(db: DbOrTx, externalId: string) {
  const [row] = await notificationByExternalIdQuery(db).all({ externalId });
  return row;
}
const notificationByExternalIdQuery = preparedPerHandle((db) =>
  db
    .select()
    .from(notifications)
    .where(eq(notifications.externalId, sql.placeholder('externalId')))
    .limit(1)
    .prepare(),
);

export async function setDeliveryStatus(db: DbOrTx, id: string, status: string, at: Date): Promise<void> {
  await db.update(notifications).set({ deliveryStatus: status, deliveryUpdatedAt: at }).where(eq(notifications.id, id));
}

export async function markChannel(
  db: DbOrTx,
  row: { userId: string; channel: StateChannel; address: string; status: ChannelState['status']; reason: string | null },
  at: Date,
): Promise<void> {
  await db
    .insert(notificationChannelStates)
    .values({ ...row, updatedAt: at })
    .onConflictDoUpdate({
      target: [notificationChannelStates.userId, notificationChannelStates.channel],
      set: { address: row.address, status: row.status, reason: row.reason, updatedAt: at },
    });
}

export async function clearChannel(db: DbOrTx, userId: string, channel: StateChannel): Promise<void> {
  await db
    .delete(notificationChannelStates)
    .where(and(eq(notificationChannelStates.userId, userId), eq(notificationChannelStates.channel, channel)));
}

export async function usersWithPhone(db: DbOrTx, phone: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`replace(replace(replace(replace(${users.phone}, ' ', ''), '-', ''), '(', ''), ')', '') = ${phone}`);
  return rows.map((r) => r.id);
}

export async function removePushEndpoint(db: DbOrTx, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}

/** Preferences as stored (null: never saved, defaults apply). */
export async function preferenceRow(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row;
}

export async function savePreferenceRow(
  db: DbOrTx,
  userId: string,
  set: Partial<
    Pick<
      typeof notificationPreferences.$inferInsert,
      'choices' | 'quietHoursStart' | 'quietHoursEnd' | 'smsConsentAt' | 'email' | 'sms' | 'push' | 'telegram'
    >
  >,
  now: Date,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, ...set, updatedAt: now })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...set, updatedAt: now } });
}

/** The notification centre: a person's in-app rows, newest first, `before` a row's creation for the next page. */
export async function centreList(db: DbOrTx, userId: string, limit: number, before?: Date) {
  return db
    .select({
      id: notifications.id,
      bookingId: notifications.bookingId,
      title: notifications.title,
      body: notifications.body,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(
      and(eq(notifications.userId, userId), eq(notifications.channel, 'in_app'), ...(before ? [lt(notifications.createdAt, before)] : [])),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function centreUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.channel, 'in_app'), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the person's own rows read (`ids` empty: all of them). */
export async function centreMarkRead(db: DbOrTx, userId: string, ids: string[] | null, at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.channel, 'in_app'),
        isNull(notifications.readAt),
        ...(ids ? [inArray(notifications.id, ids)] : []),
      ),
    );
}

/** Writes a message's row on a channel before it is sent (`pending`), so a retry knows a send may have gone out. */
export async function insertPendingNotification(db: DbOrTx, row: typeof notifications.$inferInsert): Promise<NotificationRow> {
  const [inserted] = await db
    .insert(notifications)
    .values({ ...row, status: 'pending' })
    .returning();
  if (!inserted) throw new Error('notification row not written');
  return inserted;
}

/** Settles a pending row: sent (with the provider's id), failed, or progress so far (`externalId`). */
export async function updateNotification(
  db: DbOrTx,
  id: string,
  set: Partial<Pick<NotificationRow, 'status' | 'externalId' | 'deliveryStatus' | 'sentAt'>>,
): Promise<void> {
  await db.update(notifications).set(set).where(eq(notifications.id, id));
}

/** The language each of these people reads notifications in (`user.language`), by id. */
export async function languagesOf(db: DbOrTx, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await db.select({ id: users.id, language: users.language }).from(users).where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.language]));
}
