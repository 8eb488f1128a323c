import type { BookingCommand } from '@handled/core/booking';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';
import { applyCommand } from './apply-command.ts';
import { actorOf, bookingView, loadOwnedBooking } from './queries.ts';

/** Runs a person's command on a booking they own, in one transaction, and returns the new view. */
export async function commandBooking(deps: ServiceDeps, user: SessionUser, bookingId: string, command: BookingCommand) {
  const now = deps.now();
  const booking = await deps.db.transaction(async (tx) => {
    const current = await loadOwnedBooking(tx, user, bookingId);
    const { booking } = await applyCommand(tx, current, command, actorOf(user, current), now);
    return booking;
  });
  return bookingView(deps.db, user, booking.id, now);
}
