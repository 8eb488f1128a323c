import { checkSlot } from '@handled/core/availability';
import { expiryDeadline, reminderAt } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import { repriceBooking } from '@handled/core';
import type { DbOrTx } from '@handled/db';
import type { SessionUser } from '../../context.ts';
import { answerChange, insertChange, pendingChange, type ChangeRow } from '../../repositories/booking-changes.ts';
import { insertBookingEvent, updateBookingIfVersion, type BookingRow, type NewBookingRow } from '../../repositories/bookings.ts';
import { findProvider } from '../../repositories/providers.ts';
import { loadAvailability } from '../availability.ts';
import { calcomUidOfChange, copyHoldRowIds, dropProposalHolds } from '../../repositories/calendar-holds.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { enqueueEffects } from './effects.ts';
import { changeBlockedReason } from './change-rules.ts';
import { loadOwnedBooking } from './queries.ts';

type Side = 'client' | 'provider';

export interface ChangeProposal {
  id: string;
  startsAt?: string | undefined;
  hours?: number | undefined;
  details?: string | undefined;
  note?: string | undefined;
}

function sideOf(user: SessionUser, b: BookingRow): Side {
  if (b.clientId === user.id) return 'client';
  if (b.providerId === user.id) return 'provider';
  throw new DomainError('FORBIDDEN', 'Only the client or the provider of a booking can change it.');
}

function assertChangeable(b: BookingRow, now: Date) {
  const reason = changeBlockedReason(b, now);
  if (reason) throw new DomainError('ILLEGAL_TRANSITION', reason);
}

/**
 * Whether the booking may sit at `startsAt` for `quarterHours`: the same rule that lists slots and
 * takes requests, with this booking's own interval (and its own Cal.com copy) left out, so moving
 * by half an hour works.
 */
export async function checkChange(db: DbOrTx, b: BookingRow, startsAt: Date, quarterHours: number, now: Date) {
  const provider = await findProvider(db, b.providerId);
  if (!provider) throw new DomainError('NOT_FOUND', 'That provider is no longer on Handled.');
  const lengthMin = quarterHours * 15;
  const endsAt = new Date(startsAt.getTime() + lengthMin * 60_000);
  const { schedule, busy } = await loadAvailability(db, provider, startsAt, endsAt);
  const own = await copyHoldRowIds(db, b.providerId, b.id);
  const verdict = checkSlot(
    schedule,
    busy.filter((x) => x.id !== b.id && !(x.id !== undefined && own.has(x.id))),
    startsAt,
    lengthMin,
    now,
  );
  return { verdict, startsAt, endsAt, schedule };
}

/** Where the booking would sit after the change; a time that cannot be taken is refused with the reason. */
async function placeChange(db: DbOrTx, b: BookingRow, startsAt: Date, quarterHours: number, now: Date) {
  const { verdict, endsAt, schedule } = await checkChange(db, b, startsAt, quarterHours, now);
  if (!verdict.ok) {
    if (verdict.reason === 'overlaps')
      throw new DomainError('SLOT_TAKEN', 'The provider is busy at that time. Pick another time.', { reason: verdict.reason });
    throw new DomainError('SLOT_UNAVAILABLE', verdict.message, { reason: verdict.reason });
  }
  return {
    startsAt,
    endsAt,
    blockStart: new Date(startsAt.getTime() - schedule.bufferBeforeMin * 60_000),
    blockEnd: new Date(endsAt.getTime() + schedule.bufferAfterMin * 60_000),
  };
}

/** `calcomUid`: the Cal.com copy a provider's move came from (null when proposed in Handled). */
export function changeView(c: ChangeRow, b: BookingRow, calcomUid: string | null = null) {
  return {
    id: c.id,
    bookingId: c.bookingId,
    proposedBy: (c.proposedBy === b.clientId ? 'client' : 'provider') as Side,
    /** Where the proposal was made: in Handled, or by the provider moving the job in Cal.com. */
    via: (calcomUid ? 'calcom' : 'handled') as 'calcom' | 'handled',
    status: c.status,
    startsAt: c.startsAt?.toISOString() ?? null,
    hours: c.estimatedQuarterHours === null ? null : c.estimatedQuarterHours / 4,
    details: c.details,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    /** What the booking would cost after the change (hours at the booked rate). */
    newTotal: c.estimatedQuarterHours === null ? b.total : repriceBooking(b.price, c.estimatedQuarterHours / 4).total,
    currentTotal: b.total,
    currency: b.currency,
  };
}

/**
 * Either side proposes a new time, new hours or new details. A new time is checked now (so
 * nobody is asked to accept the impossible) and again when it is accepted. A side's newer
 * proposal replaces its own pending one; the other side's pending proposal must be answered first.
 */
export async function proposeChange(deps: ServiceDeps, user: SessionUser, input: ChangeProposal) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const b = await loadOwnedBooking(tx, user, input.id);
    const side = sideOf(user, b);
    assertChangeable(b, now);
    const startsAt = input.startsAt !== undefined ? new Date(input.startsAt) : null;
    const quarterHours = input.hours !== undefined ? Math.round(input.hours * 4) : null;
    const details = input.details !== undefined ? input.details.trim() : null;
    const movesTime =
      (startsAt !== null && startsAt.getTime() !== b.startsAt.getTime()) ||
      (quarterHours !== null && quarterHours !== b.estimatedQuarterHours);
    const changesDetails = details !== null && details !== b.details;
    if (!movesTime && !changesDetails)
      throw new DomainError('INVALID_INPUT', 'Propose a new time, new hours or new details — nothing here differs from the booking.');
    if (movesTime) await placeChange(tx, b, startsAt ?? b.startsAt, quarterHours ?? b.estimatedQuarterHours, now);

    const change = await recordProposal(
      tx,
      b,
      side,
      user.id,
      { startsAt, quarterHours, details: changesDetails ? details : null, note: input.note?.trim() || null },
      now,
    );
    return changeView(change, b);
  });
}

/**
 * Writes a proposal by `side`: its own pending proposal is replaced, the other side's must be
 * answered first; the other side is told. `calcomUid` marks a move the provider made in Cal.com
 * (see calendar-changes.ts).
 */
export async function recordProposal(
  tx: DbOrTx,
  b: BookingRow,
  side: Side,
  actorId: string,
  fields: { startsAt: Date | null; quarterHours: number | null; details: string | null; note: string | null },
  now: Date,
  calcomUid?: string,
): Promise<ChangeRow> {
  const pending = await pendingChange(tx, b.id);
  if (pending) {
    if (pending.proposedBy !== actorId)
      throw new DomainError('ILLEGAL_TRANSITION', 'The other side has proposed a change; accept or reject it first.', {
        changeId: pending.id,
      });
    await answerChange(tx, pending.id, 'withdrawn', now);
  }
  const change = await insertChange(tx, {
    bookingId: b.id,
    proposedBy: actorId,
    startsAt: fields.startsAt && fields.startsAt.getTime() !== b.startsAt.getTime() ? fields.startsAt : null,
    estimatedQuarterHours: fields.quarterHours !== null && fields.quarterHours !== b.estimatedQuarterHours ? fields.quarterHours : null,
    details: fields.details,
    note: fields.note,
    createdAt: now,
  });
  const event = await insertBookingEvent(tx, {
    bookingId: b.id,
    type: 'booking.change_proposed',
    fromStatus: b.status,
    toStatus: b.status,
    actorKind: side,
    actorId,
    reason: change.note,
    data: {
      changeId: change.id,
      startsAt: change.startsAt?.toISOString() ?? null,
      quarterHours: change.estimatedQuarterHours,
      details: change.details,
      ...(calcomUid ? { calcomUid } : {}),
    },
    at: now,
  });
  await enqueueEffects(
    tx,
    [{ type: 'notify', to: side === 'client' ? 'provider' : 'client', template: 'booking.change_proposed' }],
    b,
    event.id,
    now,
  );
  return change;
}

/** The pending change of a booking, if any, for both dashboards. */
export async function pendingChangeOf(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const b = await loadOwnedBooking(deps.db, user, bookingId);
  const c = await pendingChange(deps.db, b.id);
  return c ? changeView(c, b, await calcomUidOfChange(deps.db, b.id, c.id)) : null;
}

/**
 * A move made in Cal.com was not taken (declined by the client, or withdrawn by the provider):
 * the Cal.com copy goes back to the agreed time. The push job finds the copy by following the
 * reschedule chain and moves it only if it still differs, so a replay does nothing.
 */
async function moveCalendarBack(tx: DbOrTx, b: BookingRow, changeId: string, now: Date) {
  await dropProposalHolds(tx, b.providerId, b.id);
  await enqueue(tx, { type: 'calendar.push', payload: { bookingId: b.id }, key: `calendar.push:${b.id}:revert:${changeId}` }, now);
}

async function loadPendingFor(tx: DbOrTx, user: SessionUser, bookingId: string, changeId: string | undefined) {
  const b = await loadOwnedBooking(tx, user, bookingId);
  const side = sideOf(user, b);
  const c = await pendingChange(tx, b.id);
  if (!c || (changeId !== undefined && c.id !== changeId))
    throw new DomainError('ILLEGAL_TRANSITION', 'There is no pending change to answer (it may have been withdrawn or replaced).');
  return { b, side, c };
}

/** The proposer takes their pending change back. */
export async function withdrawChange(deps: ServiceDeps, user: SessionUser, input: { id: string; changeId?: string | undefined }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { b, side, c } = await loadPendingFor(tx, user, input.id, input.changeId);
    if (c.proposedBy !== user.id) throw new DomainError('FORBIDDEN', 'Only the side that proposed a change can withdraw it.');
    const row = await answerChange(tx, c.id, 'withdrawn', now);
    await insertBookingEvent(tx, {
      bookingId: b.id,
      type: 'booking.change_withdrawn',
      fromStatus: b.status,
      toStatus: b.status,
      actorKind: side,
      actorId: user.id,
      data: { changeId: c.id },
      at: now,
    });
    const calcomUid = await calcomUidOfChange(tx, b.id, c.id);
    if (calcomUid) await moveCalendarBack(tx, b, c.id, now);
    return changeView(row ?? c, b, calcomUid);
  });
}

/** The other side rejects the pending change; the booking stays as it was. */
export async function rejectChange(
  deps: ServiceDeps,
  user: SessionUser,
  input: { id: string; changeId?: string | undefined; reason?: string | undefined },
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { b, side, c } = await loadPendingFor(tx, user, input.id, input.changeId);
    if (c.proposedBy === user.id) throw new DomainError('FORBIDDEN', 'The other side answers a proposed change; you can withdraw yours.');
    const row = await answerChange(tx, c.id, 'rejected', now);
    const event = await insertBookingEvent(tx, {
      bookingId: b.id,
      type: 'booking.change_rejected',
      fromStatus: b.status,
      toStatus: b.status,
      actorKind: side,
      actorId: user.id,
      reason: input.reason ?? null,
      data: { changeId: c.id },
      at: now,
    });
    // A move the provider made in Cal.com: Cal.com goes back to the agreed time, and the provider is told so.
    const calcomUid = await calcomUidOfChange(tx, b.id, c.id);
    if (calcomUid) await moveCalendarBack(tx, b, c.id, now);
    const template = calcomUid ? 'booking.calendar_move_declined' : 'booking.change_rejected';
    await enqueueEffects(tx, [{ type: 'notify', to: side === 'client' ? 'provider' : 'client', template }], b, event.id, now);
    return changeView(row ?? c, b, calcomUid);
  });
}

/** What a change sets: a new start, new hours (quarter hours), new details; null leaves each as it is. */
export interface ChangeFields {
  startsAt: Date | null;
  quarterHours: number | null;
  details: string | null;
  /** The proposal it answers (none for an operator's move). */
  changeId?: string | null;
  /** The Cal.com copy a provider's move came from. */
  calcomUid?: string | null;
}

/**
 * Applies a change to the booking, the one way a reschedule is written (an accepted proposal, an
 * operator's move): in the caller's write transaction the new interval is checked against
 * everything else the provider has (as a new request would be) and claimed by updating this
 * booking's interval at its version, the price follows the hours, and the event
 * (`booking.changed`, before and after) and jobs (calendar update, invoice reprice, a new expiry or
 * reminder, both sides told) are written.
 */
export async function applyChange(
  tx: DbOrTx,
  b: BookingRow,
  c: ChangeFields,
  actor: { kind: Side | 'admin'; userId: string; reason: string | null },
  now: Date,
) {
  assertChangeable(b, now);
  const quarterHours = c.quarterHours ?? b.estimatedQuarterHours;
  const patch: Partial<NewBookingRow> = {};
  if (c.startsAt || c.quarterHours !== null) Object.assign(patch, await placeChange(tx, b, c.startsAt ?? b.startsAt, quarterHours, now));
  if (c.quarterHours !== null) {
    const price = repriceBooking(b.price, quarterHours / 4);
    Object.assign(patch, { estimatedQuarterHours: quarterHours, price, total: price.total });
  }
  if (c.details !== null) patch.details = c.details;
  const newStart = patch.startsAt ?? b.startsAt;
  // An unanswered request still expires by its (possibly earlier) start.
  const newExpiry =
    b.status === 'requested' && b.expiresAt
      ? expiryDeadline(now, newStart, { ttlHours: Math.max(0.001, (b.expiresAt.getTime() - now.getTime()) / 3_600_000) })
      : null;
  if (newExpiry && b.expiresAt && newExpiry < b.expiresAt) patch.expiresAt = newExpiry;

  // A move made in Cal.com: that copy already sits at the new time, so it becomes the one we follow
  // and the push finds nothing to move; its hold goes (the booking itself holds the time now).
  if (c.calcomUid) {
    patch.calcomBookingUid = c.calcomUid;
    await dropProposalHolds(tx, b.providerId, b.id);
  }
  const updated = await updateBookingIfVersion(tx, b.id, b.version, patch);
  if (!updated) throw new DomainError('STALE_VERSION', 'This booking changed while you were looking at it. Refresh and try again.');
  const event = await insertBookingEvent(tx, {
    bookingId: b.id,
    type: 'booking.changed',
    fromStatus: b.status,
    toStatus: b.status,
    actorKind: actor.kind,
    actorId: actor.userId,
    reason: actor.reason,
    data: {
      changeId: c.changeId ?? null,
      before: { startsAt: b.startsAt.toISOString(), quarterHours: b.estimatedQuarterHours, total: b.total, details: b.details },
      after: {
        startsAt: updated.startsAt.toISOString(),
        quarterHours: updated.estimatedQuarterHours,
        total: updated.total,
        details: updated.details,
      },
    },
    at: now,
  });
  const timeMoved = updated.startsAt.getTime() !== b.startsAt.getTime() || updated.endsAt.getTime() !== b.endsAt.getTime();
  await enqueueEffects(
    tx,
    [
      { type: 'notify', to: 'both', template: 'booking.changed' },
      // The calendar event exists once the provider accepted.
      ...(timeMoved && b.status !== 'requested' ? [{ type: 'calendar_push' } as const] : []),
      // Accepted-but-unpaid expires at its start: the new start, now.
      ...(timeMoved && b.status === 'accepted' ? [{ type: 'schedule_expiry', at: updated.startsAt } as const] : []),
      ...(timeMoved && b.status === 'confirmed' ? [{ type: 'schedule_reminder', at: reminderAt(updated.startsAt, now) } as const] : []),
      ...(patch.expiresAt ? [{ type: 'schedule_expiry', at: patch.expiresAt } as const] : []),
    ],
    updated,
    event.id,
    now,
  );
  if (updated.total !== b.total && b.status !== 'requested')
    await enqueue(
      tx,
      {
        type: 'invoice.reprice',
        payload: {
          bookingId: b.id,
          eventId: event.id,
          reason: 'change',
          oldTotal: b.total,
          newTotal: updated.total,
          price: updated.price,
        },
        key: `invoice.reprice:${b.id}:${event.id}`,
      },
      now,
    );
  return { booking: updated, event };
}

/**
 * The other side accepts: in ONE write transaction the new interval is checked against
 * everything else the provider has (as a new request would be) and claimed by updating this
 * booking's interval at its version, the price follows the hours, and the event and jobs
 * (calendar update, invoice reprice, a new expiry, notifications) are written.
 */
export async function acceptChange(deps: ServiceDeps, user: SessionUser, input: { id: string; changeId?: string | undefined }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { b, side, c } = await loadPendingFor(tx, user, input.id, input.changeId);
    if (c.proposedBy === user.id) throw new DomainError('FORBIDDEN', 'The other side has to accept your proposal.');
    // A move made in Cal.com: that copy already sits at the new time, so it becomes the one we follow.
    const calcomUid = await calcomUidOfChange(tx, b.id, c.id);
    const { booking: updated } = await applyChange(
      tx,
      b,
      { startsAt: c.startsAt, quarterHours: c.estimatedQuarterHours, details: c.details, changeId: c.id, calcomUid },
      { kind: side, userId: user.id, reason: c.note },
      now,
    );
    const row = await answerChange(tx, c.id, 'accepted', now);
    return { change: changeView(row ?? c, updated, calcomUid), bookingId: updated.id, version: updated.version };
  });
}
