import { transition, type Actor, type BookingCommand, type BookingRowPatch, type TransitionPatch } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import type { DbOrTx } from '@handled/db';
import {
  amountPaidFor,
  insertBookingEvent,
  updateBookingIfVersion,
  type BookingRow,
  type NewBookingRow,
} from '../../repositories/bookings.ts';
import { enqueueEffects } from './effects.ts';
import { toSnapshot } from './snapshot.ts';

/** The booking row's columns of a transition's patch, as the rule set them. */
export function rowPatch(patch: TransitionPatch): Partial<NewBookingRow> {
  const { reason: _eventReason, refundAmount: _refunded, ...columns } = patch;
  return columns satisfies BookingRowPatch;
}

/**
 * The one way a booking changes state: the core state machine decides, then — in the caller's
 * transaction — the row is updated if its version still matches, the event is appended to the
 * audit trail, and the effects are written as jobs.
 */
export async function applyCommand(
  tx: DbOrTx,
  booking: BookingRow,
  command: BookingCommand,
  actor: Actor,
  now: Date,
  extra: Partial<NewBookingRow> = {},
) {
  const result = transition(toSnapshot(booking, await amountPaidFor(tx, booking.id)), command, actor, now);
  const patch: Partial<NewBookingRow> = { ...extra, ...rowPatch(result.patch), status: result.to };

  const updated = await updateBookingIfVersion(tx, booking.id, booking.version, patch);
  if (!updated) throw new DomainError('STALE_VERSION', 'This booking changed while you were looking at it. Refresh and try again.');
  const event = await insertBookingEvent(tx, {
    bookingId: booking.id,
    type: result.eventType,
    fromStatus: result.from,
    toStatus: result.to,
    actorKind: actor.kind,
    actorId: actor.userId ?? null,
    reason: result.patch.reason ?? null,
    // What a cancellation or no-show gives back, for the messages that say so.
    data: { command: command.type, ...(result.patch.refundAmount !== undefined ? { refund: result.patch.refundAmount } : {}) },
    at: now,
  });
  await enqueueEffects(tx, result.effects, updated, event.id, now);
  return { booking: updated, event, result };
}
