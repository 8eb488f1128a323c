import { DomainError } from '@handled/core/errors';
import type { DbOrTx } from '@handled/db';
import type { CalcomBooking } from '@handled/integrations/calcom';
import { blockingStatuses, findBooking, type BookingRow } from '../../repositories/bookings.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { changeBlockedReason } from '../bookings/change-rules.ts';
import { proposeFromCalendar, withdrawStaleCalendarMove } from '../bookings/calendar-changes.ts';
import type { ServiceDeps } from '../deps.ts';
import type { BusyRow } from '../../repositories/calendar.ts';
import { changeForCalcomCopy, copyHoldId, resolutionOf } from '../../repositories/calendar-holds.ts';

export const HANDLED_KEY = 'handledBookingId';

/** Marketplace bookings pushed to Cal.com carry our id in metadata; everything else keeps the provider busy. */
export function isOurs(b: CalcomBooking): boolean {
  return typeof b.metadata[HANDLED_KEY] === 'string';
}

const holds = (b: BookingRow) => (blockingStatuses as readonly string[]).includes(b.status);
/** Jobs are booked in quarter hours; a Cal.com length in between is taken to the nearest one. */
const quarterHours = (start: number, end: number) => Math.max(1, Math.round((end - start) / 900_000));

/**
 * Our booking follows what Cal.com says now about its copy, and returns the busy time that copy
 * stands for (null: none beyond the booking itself). Called by the webhook job and by every pull,
 * in any order and any number of times, with one outcome:
 * - cancelled there (not rescheduled): a provider cancellation here, through the state machine;
 * - moved there (a new Cal.com copy at another time): one provider proposal per copy, which the
 *   client accepts or declines — or, when the new time cannot be booked, a conflict with the reason.
 */
export async function followCalcomCopy(deps: ServiceDeps, copy: CalcomBooking): Promise<BusyRow | null> {
  const id = copy.metadata[HANDLED_KEY];
  if (!id) return null;
  try {
    if (copy.status === 'cancelled' || copy.status === 'rejected')
      return copy.rescheduledToUid ? null : await followCancellation(deps, id, copy);
    return await followMove(deps, id, copy);
  } catch (e) {
    // A booking changed under us (or a rule refused): the next pull looks again.
    if (e instanceof DomainError) {
      deps.log.warn({ bookingId: id, uid: copy.uid, err: e.message }, 'Cal.com copy not followed yet');
      return null;
    }
    throw e;
  }
}

/** Is `uid` a Cal.com copy of `b` we know: the one we follow, or one a proposal was made from. */
async function knownCopy(db: DbOrTx, b: BookingRow, uid: string): Promise<boolean> {
  return b.calcomBookingUid === uid || (await changeForCalcomCopy(db, b.id, uid)) !== undefined;
}

/**
 * Cancelled in Cal.com: the provider cancelled the job (Cal.com has already told the client, who is
 * its attendee), so ours is cancelled as the provider — full refund, a reliability mark. A job
 * already under way cannot be cancelled by the provider: it stays, as a conflict at its own time.
 */
async function followCancellation(deps: ServiceDeps, id: string, copy: CalcomBooking): Promise<BusyRow | null> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const local = await findBooking(tx, id);
    if (!local || !holds(local) || !(await knownCopy(tx, local, copy.uid))) return null;
    const reason = copy.cancellationReason ? `Cancelled in Cal.com: ${copy.cancellationReason}` : 'Cancelled in Cal.com';
    if (local.status === 'in_progress') {
      const externalId = copyHoldId('cancelled', local.id, copy.uid);
      return {
        externalId,
        title: `${reason} — the job is under way here, so it stays; finish it or ask support to cancel it.`,
        startsAt: local.startsAt,
        endsAt: local.endsAt,
      };
    }
    await applyCommand(tx, local, { type: 'cancel', reason }, { kind: 'provider', userId: local.providerId }, now);
    return null;
  });
}

async function followMove(deps: ServiceDeps, id: string, copy: CalcomBooking): Promise<BusyRow | null> {
  if (copy.status !== 'accepted' && copy.status !== 'pending') return null;
  const now = deps.now();
  const start = new Date(copy.start);
  const end = new Date(copy.end);
  return deps.db.transaction(async (tx) => {
    const local = await findBooking(tx, id);
    if (!local || !holds(local)) return null;
    const length = quarterHours(start.getTime(), end.getTime());
    const inStep =
      local.startsAt.getTime() === start.getTime() && quarterHours(local.startsAt.getTime(), local.endsAt.getTime()) === length;
    if (inStep) {
      // Moved back (or again) in Cal.com to the agreed time: an older move's proposal is void.
      if (copy.uid !== local.calcomBookingUid) await withdrawStaleCalendarMove(tx, local, copy.uid, now);
      return null;
    }
    const proposal = copyHoldId('proposal', local.id, copy.uid);
    const moved = copyHoldId('moved', local.id, copy.uid);
    const asConflict = (reason: string): BusyRow => ({
      externalId: moved,
      title: `${local.reference}: ${reason}`,
      startsAt: start,
      endsAt: end,
    });
    // The copy we follow, at another time: Cal.com has not caught up with a change made here (the
    // push is on its way, or Cal.com refused it). Nothing is proposed: a move made in Cal.com
    // always makes a new copy (a reschedule gets a new uid).
    if (!local.calcomBookingUid || copy.uid === local.calcomBookingUid)
      return asConflict('Cal.com still shows this job at another time; Handled is moving it there. Keep the Handled job to try again.');
    const earlier = await changeForCalcomCopy(tx, local.id, copy.uid);
    if (earlier?.status === 'pending') {
      // Unanswered until the job could no longer move: the provider settles it.
      const blocked = changeBlockedReason(local, now);
      if (blocked) return asConflict(`Moved in Cal.com, but the client did not answer in time. ${blocked}`);
      return { externalId: proposal, title: `${local.reference} moved in Cal.com (waiting for the client)`, startsAt: start, endsAt: end };
    }
    if (earlier?.status === 'rejected' || earlier?.status === 'withdrawn')
      return asConflict(
        'Moved in Cal.com, but that move was declined or withdrawn and the agreed time stands. Keep the Handled job to put Cal.com back at it.',
      );
    if (earlier)
      return asConflict('Moved in Cal.com; the job has changed here since. Keep the Handled job to move Cal.com to the agreed time.');
    if (await resolutionOf(tx, local.id, moved)) return asConflict('Moved in Cal.com (you chose how to handle this).');

    const outcome = await proposeFromCalendar(tx, local, { startsAt: start, quarterHours: length, calcomUid: copy.uid }, now);
    if (outcome.proposed)
      return { externalId: proposal, title: `${local.reference} moved in Cal.com (waiting for the client)`, startsAt: start, endsAt: end };
    return asConflict(outcome.reason);
  });
}
