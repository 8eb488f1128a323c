import { and, gt, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookings, externalBusy, scheduleOverrides, schedules } from '@handled/db/schema';
import { blockingStatuses } from './bookings.ts';

/**
 * Everything the availability rules need for a page of providers, in four queries instead of
 * four per provider: schedules, date overrides, blocking bookings and Cal.com busy blocks.
 * The same rows `services/availability.ts` reads one provider at a time.
 */
export async function availabilityRowsOf(db: DbOrTx, providerIds: string[], from: Date, to: Date) {
  if (providerIds.length === 0) return { schedules: [], overrides: [], bookings: [], external: [] };
  const [s, o, b, e] = await Promise.all([
    db.select().from(schedules).where(inArray(schedules.providerId, providerIds)),
    db.select().from(scheduleOverrides).where(inArray(scheduleOverrides.providerId, providerIds)),
    db
      .select({ providerId: bookings.providerId, id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
      .from(bookings)
      .where(and(inArray(bookings.providerId, providerIds), inArray(bookings.status, [...blockingStatuses]), lt(bookings.blockStart, to), gt(bookings.blockEnd, from))),
    db
      .select({ providerId: externalBusy.providerId, id: externalBusy.id, startsAt: externalBusy.startsAt, endsAt: externalBusy.endsAt })
      .from(externalBusy)
      .where(and(inArray(externalBusy.providerId, providerIds), lt(externalBusy.startsAt, to), gt(externalBusy.endsAt, from))),
  ]);
  return { schedules: s, overrides: o, bookings: b, external: e };
}
