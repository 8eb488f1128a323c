import { isCalcomError, type CalcomBooking, type CalcomClient } from '@handled/integrations/calcom';
import { findBooking, type BookingRow } from '../../repositories/bookings.ts';
import { findProvider, userById } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { clientFor, describeCalcomError, loadConnected } from './account.ts';
import { patchConnection, setCalcomUid } from '../../repositories/calendar.ts';
import { HANDLED_KEY } from './moves.ts';

const pushedStatuses = new Set(['accepted', 'confirmed', 'in_progress']);

/** Follows Cal.com's reschedule chain to the booking that stands now. */
async function latest(cal: CalcomClient, uid: string): Promise<CalcomBooking> {
  let b = await cal.booking(uid);
  for (let i = 0; i < 10 && b.rescheduledToUid; i++) b = await cal.booking(b.rescheduledToUid);
  return b;
}

/** A Cal.com copy of ours created by an attempt whose answer was lost: found by our id in its metadata. */
async function findOurCopy(cal: CalcomClient, booking: BookingRow): Promise<CalcomBooking | undefined> {
  const around = await cal.bookings({
    afterStart: new Date(booking.startsAt.getTime() - 14 * 86_400_000).toISOString(),
    beforeEnd: new Date(booking.endsAt.getTime() + 14 * 86_400_000).toISOString(),
  });
  return around.find((b) => b.metadata[HANDLED_KEY] === booking.id && b.status !== 'cancelled' && b.status !== 'rejected');
}

/** Permanent refusals (bad input, slot taken in Cal.com) are recorded, not retried; outages are retried by the job. */
async function recordOrRethrow(deps: ServiceDeps, providerId: string, e: unknown): Promise<void> {
  if (isCalcomError(e) && !e.transient && e.status !== 401 && e.status !== 498) {
    await patchConnection(deps.db, providerId, { lastError: describeCalcomError(e) });
    deps.log.warn({ providerId, err: e.message }, 'Cal.com refused a push');
    return;
  }
  if (isCalcomError(e)) await patchConnection(deps.db, providerId, { status: 'error', lastError: describeCalcomError(e) });
  throw e;
}

/**
 * Job `calendar.push`: makes Cal.com hold exactly one booking for ours, at our time. Idempotent:
 * a stored uid is checked (and rescheduled if our time moved), a missing uid is looked up by our id
 * in Cal.com's metadata before anything is created, so a retried job never creates a second one.
 */
export async function pushBooking(deps: ServiceDeps, bookingId: string): Promise<void> {
  const booking = await findBooking(deps.db, bookingId);
  if (!booking || !pushedStatuses.has(booking.status)) return;
  const provider = await findProvider(deps.db, booking.providerId);
  const conn = await loadConnected(deps, deps.db, booking.providerId);
  if (!provider || provider.calendarMode !== 'calcom' || !conn || !deps.calcom) return;
  if (!conn.eventTypeId) {
    await patchConnection(deps.db, conn.providerId, { lastError: 'Choose the Cal.com event type for marketplace bookings.' });
    return;
  }
  const cal = clientFor(deps, conn);
  try {
    let copy = booking.calcomBookingUid ? await latest(cal, booking.calcomBookingUid) : await findOurCopy(cal, booking);
    if (copy && (copy.status === 'cancelled' || copy.status === 'rejected')) return; // cancelled there: the webhook/pull cancels ours
    if (copy && Date.parse(copy.start) !== booking.startsAt.getTime()) {
      copy = await cal.rescheduleBooking(copy.uid, { start: booking.startsAt.toISOString(), reschedulingReason: 'Moved in Handled' });
    }
    if (!copy) {
      const client = await userById(deps.db, booking.clientId);
      const create = cal.createBooking({
        start: booking.startsAt.toISOString(),
        eventTypeId: conn.eventTypeId,
        lengthInMinutes: Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
        attendee: {
          name: client?.name ?? 'Handled client',
          email: client?.email ?? 'client@handled.test',
          timeZone: client?.timeZone ?? booking.timeZone,
        },
        location: [booking.address.line1, booking.address.city, booking.address.postalCode].filter(Boolean).join(', '),
        metadata: { [HANDLED_KEY]: booking.id, handledReference: booking.reference },
      });
      // The client retries a 5xx itself: when the first create went through and only its answer was
      // lost, the retry is refused (the slot is ours already). Ours found by its id is the answer.
      copy = await create.catch(async (e: unknown) => {
        const made = await findOurCopy(cal, booking);
        if (!made) throw e;
        return made;
      });
    }
    if (copy.uid !== booking.calcomBookingUid) await setCalcomUid(deps.db, booking.id, copy.uid);
  } catch (e) {
    await recordOrRethrow(deps, conn.providerId, e);
  }
}

/** Job `calendar.cancel`: cancels the Cal.com copy of a booking cancelled, declined or expired here. */
export async function pushCancellation(deps: ServiceDeps, bookingId: string): Promise<void> {
  const booking = await findBooking(deps.db, bookingId);
  if (!booking || pushedStatuses.has(booking.status) || booking.status === 'requested') return;
  const conn = await loadConnected(deps, deps.db, booking.providerId);
  if (!conn || !deps.calcom) return;
  const cal = clientFor(deps, conn);
  try {
    const copy = booking.calcomBookingUid ? await latest(cal, booking.calcomBookingUid) : await findOurCopy(cal, booking);
    if (!copy || copy.status === 'cancelled' || copy.status === 'rejected') return;
    await cal.cancelBooking(copy.uid, booking.cancellationReason ?? booking.declineReason ?? 'Cancelled in Handled');
  } catch (e) {
    await recordOrRethrow(deps, conn.providerId, e);
  }
}

/** Job `calendar.cancel_external`: the provider kept ours over a Cal.com booking; that one is cancelled. */
export async function cancelExternal(deps: ServiceDeps, providerId: string, uid: string): Promise<void> {
  const conn = await loadConnected(deps, deps.db, providerId);
  if (!conn || !deps.calcom) return;
  const cal = clientFor(deps, conn);
  try {
    const b = await cal.booking(uid);
    if (b.status === 'accepted' || b.status === 'pending') await cal.cancelBooking(uid, 'The provider has another job at this time');
  } catch (e) {
    await recordOrRethrow(deps, providerId, e);
  }
}
