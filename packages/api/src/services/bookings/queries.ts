import { allowedCommands, type Actor } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import type { DbOrTx } from '@handled/db';
import type { SessionUser } from '../../context.ts';
import { amountPaidFor, findBooking, latestInvoiceOf, timelineOf, type BookingRow } from '../../repositories/bookings.ts';
import { findCategory, findProvider, userById } from '../../repositories/providers.ts';
import { changeBlockedReason } from './change-rules.ts';
import { toSnapshot } from './snapshot.ts';

export function actorOf(user: SessionUser, booking: BookingRow): Actor {
  if (user.role === 'admin') return { kind: 'admin', userId: user.id };
  if (booking.providerId === user.id) return { kind: 'provider', userId: user.id };
  return { kind: 'client', userId: user.id };
}

/** Owners (the booking's client or provider) and admins may see a booking; nobody else learns it exists. */
export async function loadOwnedBooking(db: DbOrTx, user: SessionUser, bookingId: string): Promise<BookingRow> {
  const booking = await findBooking(db, bookingId);
  const owns = booking && (booking.clientId === user.id || booking.providerId === user.id || user.role === 'admin');
  if (!booking || !owns) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
  return booking;
}

export async function bookingView(db: DbOrTx, user: SessionUser, booking: BookingRow, now: Date) {
  const [provider, client, category, timeline, invoice] = await Promise.all([
    findProvider(db, booking.providerId),
    userById(db, booking.clientId),
    findCategory(db, booking.categoryId),
    timelineOf(db, booking.id),
    latestInvoiceOf(db, booking.id),
  ]);
  const isProviderSide = user.id === booking.providerId || user.role === 'admin';
  return {
    id: booking.id,
    reference: booking.reference,
    status: booking.status,
    paymentStatus: booking.paymentStatus,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    timeZone: booking.timeZone,
    hours: booking.estimatedQuarterHours / 4,
    details: booking.details,
    specialRequirements: booking.specialRequirements,
    address: booking.address,
    // The client's phone is for the provider once they have accepted.
    contactPhone: isProviderSide && booking.status !== 'requested' ? booking.contactPhone : null,
    price: booking.price,
    expiresAt: booking.expiresAt?.toISOString() ?? null,
    declineReason: booking.declineReason,
    cancellationReason: booking.cancellationReason,
    cancelledBy: booking.cancelledBy,
    version: booking.version,
    category: category ? { id: category.id, slug: category.slug, name: category.name } : null,
    provider: provider
      ? {
          id: provider.userId,
          slug: provider.slug,
          displayName: provider.displayName,
          photoUrl: provider.photoUrl,
          ratingAvg: provider.ratingAvg,
          ratingCount: provider.ratingCount,
        }
      : null,
    client: client ? { id: client.id, name: client.name } : null,
    invoice: invoice
      ? {
          number: invoice.number,
          status: invoice.status,
          paymentStatus: invoice.paymentStatus,
          total: invoice.total,
          amountPaid: invoice.amountPaid,
          amountRemaining: invoice.amountRemaining,
          currency: invoice.currency,
          hostedUrl: invoice.hostedUrl,
          pdfUrl: invoice.pdfUrl,
          dueAt: invoice.dueAt?.toISOString() ?? null,
        }
      : null,
    timeline: timeline.map((e) => ({
      type: e.type,
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.actorKind,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
    allowedCommands: allowedCommands(toSnapshot(booking, await amountPaidFor(db, booking.id)), actorOf(user, booking), now),
    /** Whether a new time, hours or details may be proposed (by agreement, see change-rules.ts). */
    canProposeChange: changeBlockedReason(booking, now) === null,
  };
}

export type BookingView = Awaited<ReturnType<typeof bookingView>>;
