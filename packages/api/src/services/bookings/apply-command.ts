import { transition, type Actor, type BookingCommand } from '@handled/core/booking';
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
  const patch: Partial<NewBookingRow> = { ...extra, status: result.to };
  if (result.patch.onMyWayAt !== undefined) patch.onMyWayAt = result.patch.onMyWayAt;
  if (result.patch.completedAt !== undefined) patch.completedAt = result.patch.completedAt;
  if (result.patch.clientConfirmedAt !== undefined) patch.clientConfirmedAt = result.patch.clientConfirmedAt;
  if (result.patch.cancelledBy) patch.cancelledBy = result.patch.cancelledBy;
  if (result.patch.cancellationFee !== undefined) patch.cancellationFee = result.patch.cancellationFee;
  if (command.type === 'decline') patch.declineReason = command.reason;
  if (command.type === 'cancel' && command.reason) patch.cancellationReason = command.reason;
  if (command.type === 'start') patch.startedAt = now;

  const updated = await updateBookingIfVersion(tx, booking.id, booking.version, patch);
  if (!updated)
    throw new DomainError('STALE_VERSION', 'This booking changed while you were looking at it. Refresh and try again.');
  const event = await insertBookingEvent(tx, {
    bookingId: booking.id,
    type: result.eventType,
    fromStatus: result.from,
    toStatus: result.to,
    actorKind: actor.kind,
    actorId: actor.userId ?? null,
    reason: result.patch.reason ?? ('reason' in command ? (command.reason ?? null) : null),
    data: { command: command.type },
    at: now,
  });
  await enqueueEffects(tx, result.effects, updated, event.id, now);
  return { booking: updated, event, result };
}
