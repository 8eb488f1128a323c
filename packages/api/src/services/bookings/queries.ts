import { allowedCommands, isTerminal, jobSteps, type Actor } from '@handled/core/booking';
import { cancellationFeeSplit } from '@handled/core/payments';
import { DomainError } from '@handled/core/errors';
import type { DbOrTx } from '@handled/db';
import { isOperator, type SessionUser } from '../../context.ts';
import { bookingWithParties, findBooking, timelineOf, type BookingRow } from '../../repositories/bookings.ts';
import { changeBlockedReason } from './change-rules.ts';
import { toSnapshot } from './snapshot.ts';

export function actorOf(user: SessionUser, booking: BookingRow): Actor {
  if (isOperator(user)) return { kind: 'admin', userId: user.id };
  if (booking.providerId === user.id) return { kind: 'provider', userId: user.id };
  return { kind: 'client', userId: user.id };
}

const owns = (user: SessionUser, b: BookingRow) => b.clientId === user.id || b.providerId === user.id || isOperator(user);
const notFound = () => new DomainError('NOT_FOUND', 'We could not find that booking.');

/** Owners (the booking's client or provider) and admins may see a booking; nobody else learns it exists. */
export async function loadOwnedBooking(db: DbOrTx, user: SessionUser, bookingId: string): Promise<BookingRow> {
  const booking = await findBooking(db, bookingId);
  if (!booking || !owns(user, booking)) throw notFound();
  return booking;
}

/**
 * A booking as its page shows it, to an owner or an admin: the booking with its parties and money
 * (one query) and its timeline.
 */
export async function bookingView(db: DbOrTx, user: SessionUser, bookingId: string, now: Date) {
  const [found, timeline] = await Promise.all([bookingWithParties(db, bookingId), timelineOf(db, bookingId)]);
  if (!found || !owns(user, found.booking)) throw notFound();
  const { booking, provider, client, category, latestInvoice: invoice } = found;
  const isProviderSide = user.id === booking.providerId || user.role === 'admin';
  const snapshot = toSnapshot(booking, found.amountPaid);
  const actor = actorOf(user, booking);
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
    category: { id: category.id, slug: category.slug, name: category.name },
    provider: {
      id: provider.id,
      slug: provider.slug,
      displayName: provider.displayName,
      photoUrl: provider.photoUrl,
      ratingAvg: provider.ratingAvg,
      ratingCount: provider.ratingCount,
    },
    client: { id: client.id, name: client.name },
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
    /**
     * What closing the booking did with the money, as its transition settled it (written in the
     * same transaction, so it is right the moment the page renders, before any refund or void job
     * has run): the fee kept, what goes back, the provider's share of the fee, and who closed it.
     */
    settlement: isTerminal(booking.status) ? settlementOf(booking, timeline) : null,
    timeline: timeline.map((e) => ({
      type: e.type,
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.actorKind,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
    allowedCommands: allowedCommands(snapshot, actor, now),
    /** The provider's steps on the day, each open or blocked with the machine's reason and its time window. */
    jobSteps: jobSteps(snapshot, actor, now).map((s) => ({
      ...s,
      opensAt: s.opensAt?.toISOString() ?? null,
      closesAt: s.closesAt?.toISOString() ?? null,
    })),
    /** The server's time when this was read: screens measure "from 9:30" against it, not the computer's clock. */
    asOf: now.toISOString(),
    /** Whether a new time, hours or details may be proposed (by agreement, see change-rules.ts). */
    canProposeChange: changeBlockedReason(booking, now) === null,
  };
}

export type BookingView = Awaited<ReturnType<typeof bookingView>>;

function settlementOf(booking: BookingRow, timeline: Awaited<ReturnType<typeof timelineOf>>) {
  const closing = [...timeline].reverse().find((e) => e.toStatus === booking.status && e.fromStatus !== e.toStatus);
  const fee = booking.cancellationFee ?? 0;
  const refund = closing?.data?.['refund'];
  return {
    fee,
    refund: typeof refund === 'number' ? refund : 0,
    providerShare: cancellationFeeSplit(booking.price, fee).providerEarnings,
    closedBy: closing?.actorKind ?? null,
    eventType: closing?.type ?? null,
  };
}
