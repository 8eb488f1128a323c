import { and, eq, gt, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import {
  bookings,
  calendarConflictResolutions,
  calendarConnections,
  externalBusy,
  providerProfiles,
  scheduleOverrides,
  schedules,
  users,
} from '@handled/db/schema';
import { blockingStatuses } from './bookings.ts';

export type ConnectionRow = typeof calendarConnections.$inferSelect;
export type NewConnectionRow = typeof calendarConnections.$inferInsert;
export type ScheduleRow = typeof schedules.$inferSelect;

export async function connectionOf(db: DbOrTx, providerId: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.providerId, providerId)).limit(1);
  return row;
}

export async function connectionByCalcomAccount(db: DbOrTx, account: { id?: number | undefined; email?: string | undefined }) {
  if (account.id !== undefined) {
    const [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.calcomUserId, account.id)).limit(1);
    if (row) return row;
  }
  if (account.email) {
    const [row] = await db.select().from(calendarConnections).where(eq(calendarConnections.calcomEmail, account.email)).limit(1);
    return row;
  }
  return undefined;
}

export async function connectedProviderIds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: calendarConnections.providerId })
    .from(calendarConnections)
    .where(inArray(calendarConnections.status, ['connected', 'error']));
  return rows.map((r) => r.id);
}

export async function saveConnection(db: DbOrTx, row: NewConnectionRow): Promise<void> {
  const { providerId, ...rest } = row;
  await db
    .insert(calendarConnections)
    .values(row)
    .onConflictDoUpdate({ target: calendarConnections.providerId, set: { ...rest, updatedAt: new Date() } });
  void providerId;
}

export async function patchConnection(db: DbOrTx, providerId: string, patch: Partial<NewConnectionRow>): Promise<void> {
  await db.update(calendarConnections).set(patch).where(eq(calendarConnections.providerId, providerId));
}

export async function deleteConnection(db: DbOrTx, providerId: string): Promise<void> {
  await db.delete(calendarConnections).where(eq(calendarConnections.providerId, providerId));
  await db.delete(externalBusy).where(eq(externalBusy.providerId, providerId));
}

export async function setCalendarMode(db: DbOrTx, providerId: string, mode: 'app' | 'calcom'): Promise<void> {
  await db.update(providerProfiles).set({ calendarMode: mode }).where(eq(providerProfiles.userId, providerId));
}

export interface BusyRow {
  externalId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Makes the stored Cal.com busy time of [from, to) exactly `rows`: upserts them and deletes what
 * is gone. The same pull applied twice, or after any webhook, gives the same table.
 */
export async function replaceExternalBusy(db: DbOrTx, providerId: string, from: Date, to: Date, rows: BusyRow[], now: Date): Promise<void> {
  const ids = rows.map((r) => r.externalId);
  const inWindow = and(
    eq(externalBusy.providerId, providerId),
    eq(externalBusy.source, 'calcom'),
    lt(externalBusy.startsAt, to),
    gt(externalBusy.endsAt, from),
  );
  await db.delete(externalBusy).where(ids.length ? and(inWindow, notInArray(externalBusy.externalId, ids)) : inWindow);
  await upsertExternalBusy(db, providerId, rows, now);
}

/** Stores these busy rows, leaving the others as they are. */
export async function upsertExternalBusy(db: DbOrTx, providerId: string, rows: BusyRow[], now: Date): Promise<void> {
  for (const r of rows) {
    await db
      .insert(externalBusy)
      .values({
        providerId,
        source: 'calcom',
        externalId: r.externalId,
        title: r.title,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        syncedAt: now,
      })
      .onConflictDoUpdate({
        target: [externalBusy.providerId, externalBusy.source, externalBusy.externalId],
        set: { title: r.title, startsAt: r.startsAt, endsAt: r.endsAt, syncedAt: now },
      });
  }
}

export async function scheduleRowOf(db: DbOrTx, providerId: string) {
  const [schedule] = await db.select().from(schedules).where(eq(schedules.providerId, providerId)).limit(1);
  const overrides = await db
    .select()
    .from(scheduleOverrides)
    .where(eq(scheduleOverrides.providerId, providerId))
    .orderBy(scheduleOverrides.date);
  return { schedule, overrides };
}

export async function upsertSchedule(db: DbOrTx, row: typeof schedules.$inferInsert): Promise<void> {
  const { providerId, ...rest } = row;
  void providerId;
  await db
    .insert(schedules)
    .values(row)
    .onConflictDoUpdate({ target: schedules.providerId, set: { ...rest, updatedAt: new Date() } });
}

export async function upsertOverride(db: DbOrTx, providerId: string, date: string, ranges: { start: string; end: string }[], note: string) {
  await db
    .insert(scheduleOverrides)
    .values({ providerId, date, ranges, note })
    .onConflictDoUpdate({ target: [scheduleOverrides.providerId, scheduleOverrides.date], set: { ranges, note } });
}

export async function removeOverride(db: DbOrTx, providerId: string, date: string): Promise<number> {
  const gone = await db
    .delete(scheduleOverrides)
    .where(and(eq(scheduleOverrides.providerId, providerId), eq(scheduleOverrides.date, date)))
    .returning({ id: scheduleOverrides.id });
  return gone.length;
}

export async function replaceOverrides(db: DbOrTx, providerId: string, list: { date: string; ranges: { start: string; end: string }[] }[]) {
  await db.delete(scheduleOverrides).where(eq(scheduleOverrides.providerId, providerId));
  for (const o of list) await db.insert(scheduleOverrides).values({ providerId, date: o.date, ranges: o.ranges, note: 'From Cal.com' });
}

/** Bookings here (that hold time) overlapping a Cal.com busy block, with the block. */
export async function overlapsWithCalcom(db: DbOrTx, providerId: string, from: Date) {
  return db
    .select({
      bookingId: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      calcomBookingUid: bookings.calcomBookingUid,
      externalId: externalBusy.externalId,
      title: externalBusy.title,
      busyStart: externalBusy.startsAt,
      busyEnd: externalBusy.endsAt,
      resolved: sql<
        string | null
      >`(select ${calendarConflictResolutions.action} from ${calendarConflictResolutions} where ${calendarConflictResolutions.bookingId} = ${bookings.id} and ${calendarConflictResolutions.externalId} = ${externalBusy.externalId})`,
    })
    .from(bookings)
    .innerJoin(
      externalBusy,
      and(
        eq(externalBusy.providerId, bookings.providerId),
        lt(externalBusy.startsAt, bookings.endsAt),
        gt(externalBusy.endsAt, bookings.startsAt),
      ),
    )
    .where(and(eq(bookings.providerId, providerId), inArray(bookings.status, [...blockingStatuses]), gt(bookings.endsAt, from)))
    .orderBy(bookings.startsAt);
}

export async function recordResolution(db: DbOrTx, row: typeof calendarConflictResolutions.$inferInsert) {
  await db
    .insert(calendarConflictResolutions)
    .values(row)
    .onConflictDoUpdate({
      target: [calendarConflictResolutions.bookingId, calendarConflictResolutions.externalId],
      set: { action: row.action, resolvedAt: row.resolvedAt },
    });
}

export async function setCalcomUid(db: DbOrTx, bookingId: string, uid: string | null) {
  await db.update(bookings).set({ calcomBookingUid: uid }).where(eq(bookings.id, bookingId));
}

/** These bookings of the provider, with what the calendar shows of them (the client's name, the blocked span). */
export async function jobsOfProvider(db: DbOrTx, providerId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      blockStart: bookings.blockStart,
      blockEnd: bookings.blockEnd,
      quarterHours: bookings.estimatedQuarterHours,
      clientName: users.name,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.clientId))
    .where(and(eq(bookings.providerId, providerId), inArray(bookings.id, ids)));
}

/** These busy blocks of the provider (from Cal.com), with when they were synced. */
export async function busyBlocksOfProvider(db: DbOrTx, providerId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: externalBusy.id,
      title: externalBusy.title,
      startsAt: externalBusy.startsAt,
      endsAt: externalBusy.endsAt,
      syncedAt: externalBusy.syncedAt,
    })
    .from(externalBusy)
    .where(and(eq(externalBusy.providerId, providerId), inArray(externalBusy.id, ids)));
}
