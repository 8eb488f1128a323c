import { checkSlot, listSlots, type BusyBlock, type Schedule } from '@handled/core/availability';
import type { DbOrTx } from '@handled/db';
import { DomainError } from '@handled/core/errors';
import { blockingBookingsBetween } from '../repositories/bookings.ts';
import { externalBusyBetween, scheduleOf, type ProviderRow } from '../repositories/providers.ts';
import { DAY_MS } from '@handled/core/durations';

/** Reads a provider's schedule and everything that keeps them busy around [from, to). */
export async function loadAvailability(db: DbOrTx, provider: ProviderRow, from: Date, to: Date) {
  const { schedule, overrides } = await scheduleOf(db, provider.userId);
  if (!schedule) throw new DomainError('SLOT_UNAVAILABLE', `${provider.displayName} has not published working hours yet.`);
  // Weekly limits look at the whole week around the range.
  const windowFrom = new Date(from.getTime() - 8 * DAY_MS);
  const windowTo = new Date(to.getTime() + 8 * DAY_MS);
  const [own, external] = await Promise.all([
    blockingBookingsBetween(db, provider.userId, windowFrom, windowTo),
    externalBusyBetween(db, provider.userId, windowFrom, windowTo),
  ]);
  const s: Schedule = {
    timeZone: schedule.timeZone,
    weekly: schedule.weekly,
    overrides: overrides.map((o) => ({ date: o.date, ranges: o.ranges })),
    bufferBeforeMin: schedule.bufferBeforeMin,
    bufferAfterMin: schedule.bufferAfterMin,
    minNoticeMin: schedule.minNoticeMin,
    horizonDays: schedule.horizonDays,
    slotIntervalMin: schedule.slotIntervalMin,
    ...(schedule.maxJobsPerDay ? { maxJobsPerDay: schedule.maxJobsPerDay } : {}),
    ...(schedule.maxJobsPerWeek ? { maxJobsPerWeek: schedule.maxJobsPerWeek } : {}),
  };
  const busy: BusyBlock[] = [
    ...own.map((b) => ({ start: b.startsAt, end: b.endsAt, kind: 'booking' as const, id: b.id })),
    ...external.map((e) => ({ start: e.startsAt, end: e.endsAt, kind: 'external' as const, id: e.id })),
  ];
  return { schedule: s, busy, syncedAt: null as Date | null };
}

export async function slotsFor(db: DbOrTx, provider: ProviderRow, from: Date, to: Date, lengthMin: number, now: Date) {
  return (await slotWindowFor(db, provider, from, to, lengthMin, now)).slots;
}

/** The free starts in [from, to) and where the provider's booking horizon ends (nothing is offered after it). */
export async function slotWindowFor(db: DbOrTx, provider: ProviderRow, from: Date, to: Date, lengthMin: number, now: Date) {
  const { schedule, busy } = await loadAvailability(db, provider, from, to);
  return {
    slots: listSlots(schedule, busy, lengthMin, { from, to }, now),
    horizonEnd: new Date(now.getTime() + schedule.horizonDays * DAY_MS),
  };
}

/** The same rule that lists slots decides whether a booking may take one. */
export async function assertBookable(db: DbOrTx, provider: ProviderRow, start: Date, lengthMin: number, now: Date) {
  const { schedule, busy } = await loadAvailability(db, provider, start, new Date(start.getTime() + lengthMin * 60_000));
  const verdict = checkSlot(schedule, busy, start, lengthMin, now);
  if (!verdict.ok) {
    if (verdict.reason === 'overlaps')
      throw new DomainError('SLOT_TAKEN', 'That time is no longer available. Please pick another slot.', { reason: verdict.reason });
    throw new DomainError('SLOT_UNAVAILABLE', verdict.message, { reason: verdict.reason });
  }
  return schedule;
}
