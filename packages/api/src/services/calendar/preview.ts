import { listSlots, packSlotDays, compileHours, workingRanges } from '@handled/core/availability';
import { describeZone, formatTimeSpan } from '@handled/core/time-in-zone';
import { dayToIsoDate, localDayOf, localToUtc, toLocalMs } from '@handled/core/zone';
import { DAY_MS, MINUTE_MS } from '@handled/core/durations';
import type { BookingStatus } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import { findProvider } from '../../repositories/providers.ts';
import { loadAvailability } from '../availability.ts';
import type { ServiceDeps } from '../deps.ts';
import { busyBlocksOfProvider, connectionOf, jobsOfProvider } from '../../repositories/calendar.ts';
import { connectionView } from './settings.ts';

/**
 * The provider's next days as a schedule: working hours, the jobs booked here (with their
 * buffers), the Cal.com busy blocks, and the bookable starts — all from one read of the same
 * schedule and busy time the slot rule uses, so what is drawn is exactly what blocked the slots.
 */

/** Where an item falls on one provider-local day, in minutes after local midnight (clipped to 0–1440). */
export interface DayPlace {
  from: number;
  to: number;
}

export interface PreviewJob extends DayPlace {
  id: string;
  reference: string;
  status: BookingStatus;
  clientName: string;
  hours: number;
  start: string;
  end: string;
  /** The job widened by its buffers: what it keeps off the calendar. */
  blockStart: string;
  blockEnd: string;
  blockFrom: number;
  blockTo: number;
  /** "9:00 AM – 11:00 AM" in the provider's zone. */
  label: string;
}

export interface PreviewBusy extends DayPlace {
  id: string;
  title: string;
  start: string;
  end: string;
  /** When this block was last confirmed by a pull from Cal.com. */
  syncedAt: string;
  label: string;
}

export interface PreviewWorking extends DayPlace {
  start: string;
  end: string;
  label: string;
}

export interface PreviewScheduleDay {
  /** The provider-local date, "YYYY-MM-DD". */
  date: string;
  /** An override sets this day's hours ("closed" when it has none). */
  override: 'closed' | 'hours' | null;
  /** The zone's short name that day at noon ("EST"): it changes on a day the clocks change. */
  zoneAbbreviation: string;
  working: PreviewWorking[];
  jobs: PreviewJob[];
  busy: PreviewBusy[];
}

// ---- Reads (details of exactly the busy items the slot rule saw) -------------------------------

// ---- Placing instants on provider-local days ------------------------------------------------------

/** The local days an interval touches, with its place on each (wall-clock minutes, clipped). */
export function placeOnDays(zone: string, start: number, end: number): { day: number; from: number; to: number }[] {
  const ls = toLocalMs(zone, start);
  const le = Math.max(ls, toLocalMs(zone, end));
  const first = Math.floor(ls / DAY_MS);
  const last = le > ls ? Math.floor((le - 1) / DAY_MS) : first;
  const out: { day: number; from: number; to: number }[] = [];
  for (let day = first; day <= last; day++) {
    const base = day * DAY_MS;
    out.push({ day, from: Math.max(0, ls - base) / MINUTE_MS, to: Math.min(DAY_MS, le - base) / MINUTE_MS });
  }
  return out;
}

// ---- The use case ----------------------------------------------------------------------------------

export interface PreviewInput {
  days: number;
  hours: number;
  viewerTimeZone?: string | undefined;
}

export async function schedulePreview(deps: ServiceDeps, providerId: string, input: PreviewInput) {
  const [provider, conn] = await Promise.all([findProvider(deps.db, providerId), connectionOf(deps.db, providerId)]);
  if (!provider) throw new DomainError('NOT_FOUND', 'Only providers have a calendar.');
  const now = deps.now();
  const { schedule, busy } = await loadAvailability(deps.db, provider, now, new Date(now.getTime() + input.days * DAY_MS));
  const zone = schedule.timeZone;
  // Whole provider-local days: today and the days after it, up to the midnight that ends the last.
  const firstDay = localDayOf(zone, now.getTime());
  const lastDay = firstDay + input.days - 1;
  const to = new Date(localToUtc(zone, (lastDay + 1) * DAY_MS));
  const list = listSlots(schedule, busy, Math.round(input.hours * 60), { from: now, to }, now);
  // Busy items that can reach the days shown (a day or so either side covers any zone offset).
  const ms = (v: Date | string | number) => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : v.getTime());
  const near = busy.filter((b) => ms(b.start) < to.getTime() + DAY_MS && ms(b.end) > now.getTime() - 2 * DAY_MS);
  const idsOf = (kind: 'booking' | 'external') => near.flatMap((b) => (b.kind === kind && b.id !== undefined ? [b.id] : []));
  const [jobs, blocks] = await Promise.all([
    jobsOfProvider(deps.db, providerId, idsOf('booking')),
    busyBlocksOfProvider(deps.db, providerId, idsOf('external')),
  ]);

  const label = (start: number, end: number) => formatTimeSpan(start, end, zone, false);
  const days = new Map<number, PreviewScheduleDay>();
  const overrides = new Map(schedule.overrides.map((o) => [o.date, o.ranges.length ? ('hours' as const) : ('closed' as const)]));
  for (let day = firstDay; day <= lastDay; day++) {
    const date = dayToIsoDate(day);
    days.set(day, {
      date,
      override: overrides.get(date) ?? null,
      zoneAbbreviation: describeZone(zone, new Date(localToUtc(zone, day * DAY_MS + DAY_MS / 2))).abbreviation,
      working: [],
      jobs: [],
      busy: [],
    });
  }
  for (const r of workingRanges(compileHours(schedule), firstDay, lastDay)) {
    for (const p of placeOnDays(zone, r.start, r.end)) {
      days.get(p.day)?.working.push({
        start: new Date(r.start).toISOString(),
        end: new Date(r.end).toISOString(),
        from: p.from,
        to: p.to,
        label: label(r.start, r.end),
      });
    }
  }
  for (const j of [...jobs].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const s = j.startsAt.getTime();
    const e = j.endsAt.getTime();
    const block = placeOnDays(zone, j.blockStart.getTime(), j.blockEnd.getTime());
    for (const p of placeOnDays(zone, s, e)) {
      const b = block.find((x) => x.day === p.day) ?? p;
      days.get(p.day)?.jobs.push({
        id: j.id,
        reference: j.reference,
        status: j.status,
        clientName: j.clientName,
        hours: j.quarterHours / 4,
        start: j.startsAt.toISOString(),
        end: j.endsAt.toISOString(),
        blockStart: j.blockStart.toISOString(),
        blockEnd: j.blockEnd.toISOString(),
        from: p.from,
        to: p.to,
        blockFrom: b.from,
        blockTo: b.to,
        label: label(s, e),
      });
    }
  }
  for (const x of [...blocks].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const s = x.startsAt.getTime();
    const e = x.endsAt.getTime();
    for (const p of placeOnDays(zone, s, e)) {
      days.get(p.day)?.busy.push({
        id: x.id,
        title: x.title,
        start: x.startsAt.toISOString(),
        end: x.endsAt.toISOString(),
        syncedAt: x.syncedAt.toISOString(),
        from: p.from,
        to: p.to,
        label: label(s, e),
      });
    }
  }

  const viewer = input.viewerTimeZone ?? zone;
  return {
    /** The zone `days` (the slot groups) are in: the viewer's, else the provider's. */
    timeZone: viewer,
    /** Each free start once, packed per viewer date (labels are made where they are shown). */
    days: packSlotDays(
      list.map((s) => s.start.getTime()),
      viewer,
    ),
    lengthMin: Math.round(input.hours * 60),
    count: list.length,
    generatedAt: now.toISOString(),
    /** The provider's days, always in the provider's zone. */
    schedule: {
      timeZone: zone,
      zone: describeZone(zone, now),
      bufferBeforeMin: schedule.bufferBeforeMin,
      bufferAfterMin: schedule.bufferAfterMin,
      slotIntervalMin: schedule.slotIntervalMin,
      days: [...days.values()],
    },
    connection: connectionView(deps, conn),
  };
}
