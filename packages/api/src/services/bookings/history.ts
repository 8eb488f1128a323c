import { isoDateToDay, localToUtc } from '@handled/core/zone';
import { DAY_MS } from '@handled/core/durations';
import { localDate } from '@handled/core/time-in-zone';
import type { BookingStatus } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import { findProvider } from '../../repositories/providers.ts';
import { clientsOfProvider, jobHistoryPage } from '../../repositories/job-history.ts';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';

export interface JobHistoryInput {
  q?: string | undefined;
  clientId?: string | undefined;
  statuses?: BookingStatus[] | undefined;
  /** Calendar dates in the provider's zone, both included. */
  from?: string | undefined;
  to?: string | undefined;
  minTotal?: number | undefined;
  maxTotal?: number | undefined;
  scope: 'past' | 'upcoming' | 'all';
  offset: number;
  limit: number;
}

/**
 * The provider's jobs, searched and filtered (client, status, dates in the provider's zone, the
 * total): one page, how many match, and the clients to filter by.
 */
export async function jobHistory(deps: ServiceDeps, user: SessionUser, input: JobHistoryInput) {
  const provider = await findProvider(deps.db, user.id);
  if (!provider) throw new DomainError('NOT_FOUND', 'Only providers have jobs.');
  const zone = provider.timeZone;
  if (input.from && input.to && input.from > input.to)
    throw new DomainError('INVALID_INPUT', 'The first date must not be after the last.', { field: 'from' });
  if (input.minTotal !== undefined && input.maxTotal !== undefined && input.minTotal > input.maxTotal)
    throw new DomainError('INVALID_INPUT', 'The lowest amount must not be above the highest.', { field: 'minTotal' });
  const midnight = (date: string, plusDays = 0) => new Date(localToUtc(zone, (isoDateToDay(date) + plusDays) * DAY_MS));
  const now = deps.now();
  const [page, clients] = await Promise.all([
    jobHistoryPage(
      deps.db,
      {
        providerId: user.id,
        q: input.q,
        clientId: input.clientId,
        statuses: input.statuses,
        from: input.from ? midnight(input.from) : undefined,
        to: input.to ? midnight(input.to, 1) : undefined,
        minTotal: input.minTotal,
        maxTotal: input.maxTotal,
        scope: input.scope,
        now,
      },
      { offset: input.offset, limit: input.limit },
    ),
    clientsOfProvider(deps.db, user.id),
  ]);
  return {
    timeZone: zone,
    total: page.total,
    nextOffset: input.offset + page.rows.length < page.total ? input.offset + page.rows.length : null,
    items: page.rows.map(({ booking: b, client, category }) => ({
      id: b.id,
      reference: b.reference,
      status: b.status,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      timeZone: b.timeZone,
      hours: (b.actualQuarterHours ?? b.estimatedQuarterHours) / 4,
      total: b.total,
      providerEarnings: b.price.providerEarnings,
      currency: b.currency,
      categoryName: category.name,
      clientId: client.id,
      clientName: client.name,
      // The street only once the provider has accepted (as every list does).
      address: b.status === 'requested' ? { ...b.address, line1: '', line2: '' } : b.address,
    })),
    clients: clients.map((c) => ({ id: c.id, name: c.name, bookings: Number(c.bookings) })),
  };
}

/**
 * The provider's jobs on their own today (their zone, the server's clock): done, under way, to come
 * and cancelled, soonest first — the desk's Today, with the server's time so the desk's clock agrees.
 */
export async function jobsToday(deps: ServiceDeps, user: SessionUser) {
  const provider = await findProvider(deps.db, user.id);
  if (!provider) throw new DomainError('NOT_FOUND', 'Only providers have jobs.');
  const now = deps.now();
  const zone = provider.timeZone;
  const date = localDate(now, zone);
  const page = await jobHistory(deps, user, {
    scope: 'all',
    from: date,
    to: date,
    statuses: ['accepted', 'confirmed', 'in_progress', 'completed', 'disputed', 'cancelled', 'no_show'],
    offset: 0,
    limit: 50,
  });
  return { asOf: now.toISOString(), date, timeZone: zone, items: [...page.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) };
}
