import type { DbOrTx } from '@handled/db';
import { answerChange, pendingChange, type ChangeRow } from '../../repositories/booking-changes.ts';
import { insertBookingEvent, type BookingRow } from '../../repositories/bookings.ts';
import { calcomUidOfChange } from '../../repositories/calendar-holds.ts';
import { changeBlockedReason } from './change-rules.ts';
import { checkChange, recordProposal } from './changes.ts';

/*
 * Changes that start in the provider's Cal.com: a moved copy of a marketplace job becomes the
 * provider's proposal (answered like any other, see changes.ts), and is withdrawn when moved again.
 * Called by the calendar sync (../calendar/moves.ts) inside its write transaction.
 */

export type CalendarMoveOutcome = { proposed: true; change: ChangeRow } | { proposed: false; reason: string };

/**
 * The provider moved the job in Cal.com (`calcomUid` is the copy at the new time): the move becomes
 * the provider's proposal, checked like any other; the client accepts or declines it. A move that
 * could not be accepted is not proposed: the reason goes back to the provider as a conflict.
 */
export async function proposeFromCalendar(
  tx: DbOrTx,
  b: BookingRow,
  move: { startsAt: Date; quarterHours: number; calcomUid: string },
  now: Date,
): Promise<CalendarMoveOutcome> {
  const blocked = changeBlockedReason(b, now);
  if (blocked) return { proposed: false, reason: `Moved in Cal.com, but here: ${blocked}` };
  const pending = await pendingChange(tx, b.id);
  if (pending && pending.proposedBy !== b.providerId)
    return {
      proposed: false,
      reason: 'Moved in Cal.com, but the client has asked for another time: answer that first, then move it again or keep the agreed time.',
    };
  const { verdict } = await checkChange(tx, b, move.startsAt, move.quarterHours, now);
  if (!verdict.ok)
    return {
      proposed: false,
      reason: `Moved in Cal.com to a time that cannot be booked: ${verdict.reason === 'overlaps' ? 'it overlaps another job or busy time (with buffers).' : verdict.message}`,
    };
  const change = await recordProposal(
    tx,
    b,
    'provider',
    b.providerId,
    { startsAt: move.startsAt, quarterHours: move.quarterHours, details: null, note: 'The provider moved this job in their calendar.' },
    now,
    move.calcomUid,
  );
  return { proposed: true, change };
}

/**
 * A pending proposal from an earlier Cal.com copy is stale once the copy moved again (or back):
 * it is withdrawn quietly, with nothing pushed (Cal.com already shows the provider's latest word).
 */
export async function withdrawStaleCalendarMove(tx: DbOrTx, b: BookingRow, currentUid: string, now: Date): Promise<boolean> {
  const pending = await pendingChange(tx, b.id);
  if (!pending || pending.proposedBy !== b.providerId) return false;
  const uid = await calcomUidOfChange(tx, b.id, pending.id);
  if (!uid || uid === currentUid) return false;
  await answerChange(tx, pending.id, 'withdrawn', now);
  await insertBookingEvent(tx, {
    bookingId: b.id,
    type: 'booking.change_withdrawn',
    fromStatus: b.status,
    toStatus: b.status,
    actorKind: 'provider',
    actorId: b.providerId,
    reason: 'Moved again in Cal.com',
    data: { changeId: pending.id, calcomUid: uid },
    at: now,
  });
  return true;
}
