import type { BookingSnapshot } from '@handled/core/booking';
import type { BookingRow } from '../../repositories/bookings.ts';

export function toSnapshot(b: BookingRow): BookingSnapshot {
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
    policy: b.cancellationPolicy as unknown as BookingSnapshot['policy'],
    version: b.version,
  };
}
