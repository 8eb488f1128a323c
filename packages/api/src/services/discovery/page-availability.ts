import type { BusyBlock, Schedule } from '@handled/core/availability';
import type { DbOrTx } from '@handled/db';
import { availabilityRowsOf } from '../../repositories/discovery.ts';
import { DAY_MS } from '@handled/core/durations';

export interface ProviderAvailability {
  schedule: Schedule;
  busy: BusyBlock[];
}

/**
 * Schedules and busy time for a page of providers around [from, to), keyed by provider id, built
 * as `loadAvailability` builds them for one (weekly limits look 8 days either side). Providers
 * with no published hours are absent.
 */
export async function availabilityOfPage(db: DbOrTx, providerIds: string[], from: Date, to: Date): Promise<Map<string, ProviderAvailability>> {
  const rows = await availabilityRowsOf(db, providerIds, new Date(from.getTime() - 8 * DAY_MS), new Date(to.getTime() + 8 * DAY_MS));
  const out = new Map<string, ProviderAvailability>();
  for (const s of rows.schedules) {
    out.set(s.providerId, {
      schedule: {
        timeZone: s.timeZone,
        weekly: s.weekly,
        overrides: [],
        bufferBeforeMin: s.bufferBeforeMin,
        bufferAfterMin: s.bufferAfterMin,
        minNoticeMin: s.minNoticeMin,
        horizonDays: s.horizonDays,
        slotIntervalMin: s.slotIntervalMin,
        ...(s.maxJobsPerDay ? { maxJobsPerDay: s.maxJobsPerDay } : {}),
        ...(s.maxJobsPerWeek ? { maxJobsPerWeek: s.maxJobsPerWeek } : {}),
      },
      busy: [],
    });
  }
  for (const o of rows.overrides) out.get(o.providerId)?.schedule.overrides.push({ date: o.date, ranges: o.ranges });
  for (const b of rows.bookings) out.get(b.providerId)?.busy.push({ start: b.startsAt, end: b.endsAt, kind: 'booking', id: b.id });
  for (const e of rows.external) out.get(e.providerId)?.busy.push({ start: e.startsAt, end: e.endsAt, kind: 'external', id: e.id });
  return out;
}
