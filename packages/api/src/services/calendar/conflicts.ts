import { DomainError } from '@handled/core/errors';
import { findBooking } from '../../repositories/bookings.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { overlapsWithCalcom, recordResolution } from '../../repositories/calendar.ts';
import { copyConflictRows, parseCopyHold } from '../../repositories/calendar-holds.ts';

export type ConflictAction = 'keep_ours' | 'cancel_ours' | 'dismiss';

/**
 * What the provider must settle between Cal.com and bookings here, not yet resolved:
 * a Cal.com busy block or booking over a booking here (from the last pull), and a copy of ours
 * that Cal.com holds elsewhere — moved there to a time that cannot become a proposal, or
 * cancelled there when the job could no longer be cancelled. The Cal.com side's title says why.
 */
export async function listConflicts(deps: ServiceDeps, providerId: string) {
  const now = deps.now();
  const overlaps = (await overlapsWithCalcom(deps.db, providerId, now)).filter(
    (r) => parseCopyHold(r.externalId)?.bookingId !== r.bookingId,
  );
  const copies = await copyConflictRows(deps.db, providerId, now);
  return [...overlaps, ...copies]
    .filter((r) => !r.resolved)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((r) => {
      const hold = parseCopyHold(r.externalId);
      const kind =
        hold?.bookingId === r.bookingId ? (hold.kind === 'cancelled' ? ('cancelled_copy' as const) : ('moved_copy' as const)) : null;
      return {
        bookingId: r.bookingId,
        reference: r.reference,
        status: r.status,
        start: r.startsAt.toISOString(),
        end: r.endsAt.toISOString(),
        externalId: r.externalId,
        calcom: {
          kind: r.externalId.startsWith('busy:') ? ('calendar_event' as const) : ('booking' as const),
          title: r.title,
          start: r.busyStart.toISOString(),
          end: r.busyEnd.toISOString(),
        },
        /** Set when the Cal.com side is this booking's own copy: `moved_copy` (it sits at another time there) or `cancelled_copy`. */
        copy: kind,
        /**
         * What the provider can do: keep ours (a Cal.com booking there is cancelled; our own copy is
         * moved back to the agreed time), cancel ours, or just dismiss.
         */
        actions: (kind === 'cancelled_copy' ? ['dismiss'] : ['keep_ours', 'cancel_ours', 'dismiss']) as ConflictAction[],
      };
    });
}

export async function resolveConflict(
  deps: ServiceDeps,
  providerId: string,
  input: { bookingId: string; externalId: string; action: ConflictAction; reason?: string | undefined },
) {
  const now = deps.now();
  const open = (await listConflicts(deps, providerId)).find((c) => c.bookingId === input.bookingId && c.externalId === input.externalId);
  if (!open) throw new DomainError('NOT_FOUND', 'That conflict is gone or already resolved.');
  await deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, input.bookingId);
    if (!booking || booking.providerId !== providerId) throw new DomainError('NOT_FOUND', 'That conflict is gone or already resolved.');
    if (input.action === 'cancel_ours') {
      await applyCommand(
        tx,
        booking,
        { type: 'cancel', reason: input.reason ?? 'The provider has a clash in their calendar' },
        { kind: 'provider', userId: providerId },
        now,
      );
    }
    if (!open.actions.includes(input.action)) throw new DomainError('INVALID_INPUT', 'That is not a way to settle this conflict.');
    if (input.action === 'keep_ours') {
      // Someone else's Cal.com booking is cancelled; for our own copy the push moves it back to our time.
      if (input.externalId.startsWith('booking:'))
        await enqueue(
          tx,
          {
            type: 'calendar.cancel_external',
            payload: { providerId, uid: input.externalId.slice('booking:'.length) },
            key: `calendar.cancel_external:${input.externalId}`,
          },
          now,
        );
      await enqueue(
        tx,
        { type: 'calendar.push', payload: { bookingId: booking.id }, key: `calendar.push:${booking.id}:resolve:${input.externalId}` },
        now,
      );
    }
    await recordResolution(tx, { providerId, bookingId: booking.id, externalId: input.externalId, action: input.action, resolvedAt: now });
  });
  return { resolved: true, action: input.action, remaining: (await listConflicts(deps, providerId)).length };
}
