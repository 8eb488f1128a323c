import { DomainError } from '@handled/core/errors';
import { accountOf, notificationChoicesOf, savedAddressesOf } from '../../repositories/accounts.ts';
import {
  invoicesOfBookings,
  listingForExport,
  messagesInBookings,
  reviewsByOrAbout,
  telegramUsernameOf,
} from '../../repositories/account-export.ts';
import { bookingsWithParties } from '../../repositories/bookings.ts';
import type { ServiceDeps } from '../deps.ts';
import { addressView } from './account.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Everything Handled keeps about the person, as JSON they can take away: the account, addresses and
 * choices, every booking they made or worked (with its price and invoices), the messages of those
 * bookings, and the reviews they wrote or received. Amounts are minor units with their currency.
 */
export async function exportAccountData(deps: ServiceDeps, userId: string) {
  const account = await accountOf(deps.db, userId);
  if (!account || account.deletedAt) throw new DomainError('NOT_FOUND', 'We could not find your account.');
  const now = deps.now();
  const [asClient, asProvider, addresses, choices, telegram, reviews, listing] = await Promise.all([
    bookingsWithParties(deps.db, { clientId: userId, scope: 'all' }, { limit: 10_000 }),
    bookingsWithParties(deps.db, { providerId: userId, scope: 'all' }, { limit: 10_000 }),
    savedAddressesOf(deps.db, userId),
    notificationChoicesOf(deps.db, userId),
    telegramUsernameOf(deps.db, userId),
    reviewsByOrAbout(deps.db, userId),
    account.role === 'provider' ? listingForExport(deps.db, userId) : Promise.resolve(null),
  ]);
  const all = [...asClient, ...asProvider];
  const ids = all.map((b) => b.booking.id);
  const [messages, invoices] = await Promise.all([messagesInBookings(deps.db, ids), invoicesOfBookings(deps.db, ids)]);
  const reference = new Map(all.map((b) => [b.booking.id, b.booking.reference]));
  return {
    exportedAt: now.toISOString(),
    format: 'handled-account-export/1',
    account: {
      id: account.id,
      name: account.name,
      email: account.email,
      emailVerified: account.emailVerified,
      phone: account.phone,
      timeZone: account.timeZone,
      roles: account.role === 'provider' && account.alsoClient ? ['provider', 'client'] : [account.role],
      createdAt: account.createdAt.toISOString(),
      telegram: telegram ? { username: telegram.username, linkedAt: telegram.linkedAt.toISOString() } : null,
      notificationChoices: choices,
    },
    savedAddresses: addresses.map(addressView),
    listing: listing
      ? {
          displayName: listing.profile.displayName,
          headline: listing.profile.headline,
          bio: listing.profile.bio,
          photoUrl: listing.profile.photoUrl,
          hourlyRate: { amount: listing.profile.hourlyRate, currency: listing.profile.currency },
          city: listing.profile.city,
          postalCode: listing.profile.postalCode,
          country: listing.profile.country,
          serviceRadiusKm: listing.profile.serviceRadiusKm,
          languages: listing.profile.languages,
          cancellationPolicy: listing.profile.cancellationPolicy,
          depositBps: listing.profile.depositBps,
          taxRegion: listing.profile.taxRegion,
          listingStatus: listing.profile.listingStatus,
          gallery: listing.gallery,
        }
      : null,
    bookings: all.map(({ booking: b, client, provider, category }) => ({
      reference: b.reference,
      as: b.clientId === userId ? 'client' : 'provider',
      status: b.status,
      service: category.name,
      provider: provider.displayName,
      client: client.name,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      timeZone: b.timeZone,
      address: b.address,
      details: b.details,
      specialRequirements: b.specialRequirements,
      contactPhone: b.contactPhone,
      price: b.price,
      total: { amount: b.total, currency: b.currency },
      cancellationReason: b.cancellationReason,
      completionNotes: b.completionNotes,
      createdAt: b.createdAt.toISOString(),
    })),
    invoices: invoices.map((i) => ({
      booking: reference.get(i.bookingId) ?? null,
      number: i.number,
      status: i.status,
      total: { amount: i.total, currency: i.currency },
      amountPaid: i.amountPaid,
      amountRemaining: i.amountRemaining,
      dueAt: iso(i.dueAt),
      paidAt: iso(i.paidAt),
    })),
    messages: messages.map((m) => ({
      booking: reference.get(m.bookingId) ?? null,
      from: m.senderId === userId ? 'you' : 'other',
      body: m.body,
      sentAt: m.createdAt.toISOString(),
      readAt: iso(m.readAt),
    })),
    reviews: reviews.map((r) => ({
      booking: reference.get(r.bookingId) ?? null,
      written: r.authorId === userId ? 'by you' : 'about you',
      rating: r.rating,
      body: r.body,
      response: r.response,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;
