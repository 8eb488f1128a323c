import { and, eq, gt, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookingChanges, bookingEvents, bookings, calendarConflictResolutions, externalBusy } from '@handled/db/schema';
import { blockingStatuses } from './bookings.ts';

/**
 * Busy rows that stand for one of our own bookings' Cal.com copy, named `<kind>:<bookingId>:<uid>`:
 * `proposal` a move in Cal.com waiting for the client's answer (holds the new time),
 * `moved` a move that could not become a proposal (a conflict for the provider),
 * `cancelled` a cancellation in Cal.com the state machine could not apply (a conflict).
 */
export type CopyHoldKind = 'proposal' | 'moved' | 'cancelled';
const copyHoldKinds: readonly CopyHoldKind[] = ['proposal', 'moved', 'cancelled'];

export const copyHoldId = (kind: CopyHoldKind, bookingId: string, uid: string) => `${kind}:${bookingId}:${uid}`;

export function parseCopyHold(externalId: string): { kind: CopyHoldKind; bookingId: string; uid: string } | null {
  const [kind, bookingId, ...rest] = externalId.split(':');
  const uid = rest.join(':');
  if (!kind || !bookingId || !uid || !(copyHoldKinds as readonly string[]).includes(kind)) return null;
  return { kind: kind as CopyHoldKind, bookingId, uid };
}

/** Row ids of the busy time that is this booking's own Cal.com copy: it never blocks the booking itself. */
export async function copyHoldRowIds(db: DbOrTx, providerId: string, bookingId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: externalBusy.id, externalId: externalBusy.externalId })
    .from(externalBusy)
    .where(and(eq(externalBusy.providerId, providerId), like(externalBusy.externalId, `%:${bookingId}:%`)));
  return new Set(rows.filter((r) => parseCopyHold(r.externalId)?.bookingId === bookingId).map((r) => r.id));
}

/** The proposal holds of a booking go once the client has answered (the booking itself holds the time now). */
export async function dropProposalHolds(db: DbOrTx, providerId: string, bookingId: string): Promise<void> {
  await db
    .delete(externalBusy)
    .where(and(eq(externalBusy.providerId, providerId), like(externalBusy.externalId, `proposal:${bookingId}:%`)));
}

/** Conflict rows of own copies (`moved`, `cancelled`) of a provider, with their booking. */
export async function copyConflictRows(db: DbOrTx, providerId: string, from: Date) {
  const rows = await db
    .select({
      bookingId: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      externalId: externalBusy.externalId,
      title: externalBusy.title,
      busyStart: externalBusy.startsAt,
      busyEnd: externalBusy.endsAt,
      resolved: sql<
        string | null
      >`(select ${calendarConflictResolutions.action} from ${calendarConflictResolutions} where ${calendarConflictResolutions.bookingId} = ${bookings.id} and ${calendarConflictResolutions.externalId} = ${externalBusy.externalId})`,
    })
    .from(externalBusy)
    .innerJoin(
      bookings,
      and(
        eq(bookings.providerId, externalBusy.providerId),
        sql`(${externalBusy.externalId} like 'moved:' || ${bookings.id} || ':%' or ${externalBusy.externalId} like 'cancelled:' || ${bookings.id} || ':%')`,
      ),
    )
    .where(and(eq(externalBusy.providerId, providerId), inArray(bookings.status, [...blockingStatuses]), gt(bookings.endsAt, from)))
    .orderBy(bookings.startsAt);
  return rows.filter((r) => {
    const hold = parseCopyHold(r.externalId);
    return hold !== null && hold.kind !== 'proposal' && hold.bookingId === r.bookingId;
  });
}

export async function resolutionOf(db: DbOrTx, bookingId: string, externalId: string) {
  const [row] = await db
    .select()
    .from(calendarConflictResolutions)
    .where(and(eq(calendarConflictResolutions.bookingId, bookingId), eq(calendarConflictResolutions.externalId, externalId)))
    .limit(1);
  return row;
}

/**
 * A change proposed from a move in Cal.com carries the moved copy's uid in its
 * `booking.change_proposed` event: one proposal per Cal.com copy, whatever the order of webhooks and pulls.
 */
export async function changeForCalcomCopy(db: DbOrTx, bookingId: string, uid: string) {
  const [row] = await db
    .select({ change: bookingChanges })
    .from(bookingEvents)
    .innerJoin(bookingChanges, eq(bookingChanges.id, sql`json_extract(${bookingEvents.data}, '$.changeId')`))
    .where(
      and(
        eq(bookingEvents.bookingId, bookingId),
        eq(bookingEvents.type, 'booking.change_proposed'),
        sql`json_extract(${bookingEvents.data}, '$.calcomUid') = ${uid}`,
      ),
    )
    .limit(1);
  return row?.change;
}

/** The Cal.com copy a change was proposed from, or null for a change proposed in Handled. */
export async function calcomUidOfChange(db: DbOrTx, bookingId: string, changeId: string): Promise<string | null> {
  const [row] = await db
    .select({ uid: sql<string | null>`json_extract(${bookingEvents.data}, '$.calcomUid')` })
    .from(bookingEvents)
    .where(
      and(
        eq(bookingEvents.bookingId, bookingId),
        eq(bookingEvents.type, 'booking.change_proposed'),
        sql`json_extract(${bookingEvents.data}, '$.changeId') = ${changeId}`,
      ),
    )
    .limit(1);
  return row?.uid ?? null;
}
