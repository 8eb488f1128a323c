import { DomainError } from '@handled/core/errors';
import { findBooking } from '../../repositories/bookings.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { overlapsWithCalcom, recordResolution } from './calendar.repository.ts';

export type ConflictAction = 'keep_ours' | 'cancel_ours' | 'dismiss';

/**
 * Clashes between a booking here and a Cal.com busy block or booking (from the last pull),
 * not yet resolved. `calcomBookingUid` is set when the Cal.com side is a booking we can cancel.
 */
export async function listConflicts(deps: ServiceDeps, providerId: string) {
  const rows = await overlapsWithCalcom(deps.db, providerId, deps.now());
  return rows
    .filter((r) => !r.resolved)
    .map((r) => ({
      bookingId: r.bookingId,
      reference: r.reference,
      status: r.status,
      start: r.startsAt.toISOString(),
      end: r.endsAt.toISOString(),
      externalId: r.externalId,
      calcom: {
        kind: r.externalId.startsWith('booking:') ? ('booking' as const) : ('calendar_event' as const),
        title: r.title,
        start: r.busyStart.toISOString(),
        end: r.busyEnd.toISOString(),
      },
      /** What the provider can do: keep ours (a Cal.com booking there is cancelled), cancel ours, or just dismiss. */
      actions: ['keep_ours', 'cancel_ours', 'dismiss'] as ConflictAction[],
    }));
}

export async function resolveConflict(deps: ServiceDeps, providerId: string, input: { bookingId: string; externalId: string; action: ConflictAction; reason?: string | undefined }) {
  const now = deps.now();
  const open = (await listConflicts(deps, providerId)).find((c) => c.bookingId === input.bookingId && c.externalId === input.externalId);
  if (!open) throw new DomainError('NOT_FOUND', 'That conflict is gone or already resolved.');
  await deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, input.bookingId);
    if (!booking || booking.providerId !== providerId) throw new DomainError('NOT_FOUND', 'That conflict is gone or already resolved.');
    if (input.action === 'cancel_ours') {
      await applyCommand(tx, booking, { type: 'cancel', reason: input.reason ?? 'The provider has a clash in their calendar' }, { kind: 'provider', userId: providerId }, now);
    }
    if (input.action === 'keep_ours') {
      if (input.externalId.startsWith('booking:'))
        await enqueue(tx, { type: 'calendar.cancel_external', payload: { providerId, uid: input.externalId.slice('booking:'.length) }, key: `calendar.cancel_external:${input.externalId}` }, now);
      await enqueue(tx, { type: 'calendar.push', payload: { bookingId: booking.id }, key: `calendar.push:${booking.id}:resolve:${input.externalId}` }, now);
    }
    await recordResolution(tx, { providerId, bookingId: booking.id, externalId: input.externalId, action: input.action, resolvedAt: now });
  });
  return { resolved: true, action: input.action, remaining: (await listConflicts(deps, providerId)).length };
}
