import { cancellationPolicySnapshotSchema, type BookingSnapshot } from '@handled/core/booking';
import type { BookingRow } from '../../repositories/bookings.ts';

/** The state machine's view of a booking row; `amountPaid` is what the client has paid net of refunds. */
export function toSnapshot(b: BookingRow, amountPaid: number): BookingSnapshot {
  return {
    id: b.id,
    status: b.status,
    clientId: b.clientId,
    providerId: b.providerId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    requiresUpfrontPayment: b.requiresUpfrontPayment,
    paymentStatus: b.paymentStatus,
    onMyWayAt: b.onMyWayAt,
    completedAt: b.completedAt,
    clientConfirmedAt: b.clientConfirmedAt,
    price: b.price,
    policy: cancellationPolicySnapshotSchema.parse(b.cancellationPolicy),
    version: b.version,
    amountPaid,
    cancellationFee: b.cancellationFee ?? 0,
  };
}
