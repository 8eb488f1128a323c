import { groupSlotsByDay, unpackSlotDays } from '@handled/core/availability';
import type { CalendarConnection, SlotPreviewData } from './calendar-api.ts';
import { ago, startBands, type PreviewSlot, type StartBand } from './calendar.ts';

export type ScheduleDay = SlotPreviewData['schedule']['days'][number];
export type ScheduleJob = ScheduleDay['jobs'][number];
export type ScheduleBusy = ScheduleDay['busy'][number];

/** One day of the 14-day picture: the API's day plus its bookable starts, all in the provider's zone. */
export interface PreviewColumn extends ScheduleDay {
  starts: PreviewSlot[];
  bands: StartBand[];
  count: number;
  /** The zone's short name differs from the day before: the clocks change that day. */
  clocksChange: boolean;
}

/**
 * The API's schedule days with the bookable starts put on the provider-local date they fall on and
 * labelled in the provider's zone (the API sends each start once, packed; the picture is the provider's).
 */
export function previewColumns(preview: SlotPreviewData): PreviewColumn[] {
  const zone = preview.schedule.timeZone;
  const byDate = new Map<string, PreviewSlot[]>();
  for (const d of groupSlotsByDay(unpackSlotDays(preview.days, preview.lengthMin), zone))
    byDate.set(
      d.date,
      d.slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), label: s.label })),
    );
  return preview.schedule.days.map((day, i) => {
    const starts = byDate.get(day.date) ?? [];
    const before = preview.schedule.days[i - 1];
    return {
      ...day,
      starts,
      bands: startBands(starts, zone, preview.schedule.slotIntervalMin),
      count: starts.length,
      clocksChange: before !== undefined && before.zoneAbbreviation !== day.zoneAbbreviation,
    };
  });
}

/**
 * The hours the picture spans, widened to whole hours: working hours, jobs with their buffers and
 * bookable starts. Cal.com blocks count only where they meet working hours, so an all-day or late
 * evening event does not squash the day (it is listed under the day, and drawn clipped).
 */
export function previewSpan(columns: readonly PreviewColumn[], fallback: [number, number] = [8, 18]): [number, number] {
  const spans: { from: number; to: number }[] = [];
  for (const c of columns) {
    spans.push(...c.working, ...c.bands, ...c.jobs.map((j) => ({ from: j.blockFrom, to: j.blockTo })));
    for (const b of c.busy)
      for (const w of c.working)
        if (b.from < w.to && w.from < b.to) spans.push({ from: Math.max(b.from, w.from), to: Math.min(b.to, w.to) });
  }
  if (spans.length === 0) return fallback;
  const lo = Math.max(0, Math.floor(Math.min(...spans.map((s) => s.from)) / 60));
  const hi = Math.min(24, Math.ceil(Math.max(...spans.map((s) => s.to)) / 60));
  return [lo, Math.max(hi, lo + 1)];
}

/** "Maya Lopez" -> "Maya L." (the whole name is in the day's list and on the booking). */
export function shortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  const first = parts[0] ?? '';
  const last = parts.length > 1 ? parts[parts.length - 1] : undefined;
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
}

/** The Cal.com blocks a job meets in real time (what the Conflicts card asks to resolve). */
export function clashes(job: ScheduleJob, busy: readonly ScheduleBusy[]): ScheduleBusy[] {
  const s = Date.parse(job.start);
  const e = Date.parse(job.end);
  return busy.filter((b) => Date.parse(b.start) < e && s < Date.parse(b.end));
}

export type FreshnessTone = 'none' | 'ok' | 'stale' | 'down';

export interface Freshness {
  tone: FreshnessTone;
  text: string;
  /** What went wrong, as the connection recorded it. */
  detail?: string;
}

/** How far to trust the Cal.com part of the picture, in the provider's words. */
export function busyFreshness(connection: CalendarConnection, now: Date): Freshness {
  if (!connection.connected) return { tone: 'none', text: 'Your hours are kept in Handled: no Cal.com busy time is taken out.' };
  const last = connection.lastSyncedAt ? ago(connection.lastSyncedAt, now) : null;
  if (connection.status === 'error' || connection.breakerOpen) {
    const from = last ? `Busy time below is from the last sync, ${last}` : 'No busy time has come from Cal.com yet';
    return {
      tone: 'down',
      text: `Cal.com is unreachable. ${from} — check your Cal.com calendar before you accept a request.`,
      ...(connection.lastError ? { detail: connection.lastError } : {}),
    };
  }
  const when = last ? `last synced ${last}` : 'never synced';
  if (connection.stale)
    return {
      tone: 'stale',
      text: `Cal.com busy time is out of date (${when}; it syncs every ${connection.syncIntervalMin} min). Sync now, or check your Cal.com calendar before you accept.`,
    };
  return { tone: 'ok', text: `Cal.com busy time ${when} (syncs every ${connection.syncIntervalMin} min).` };
}

/** The day to list first: today, or the first day with a job on it when today has none. */
export function firstDayToShow(columns: readonly PreviewColumn[]): string | null {
  const today = columns[0];
  if (!today) return null;
  if (today.jobs.length || today.busy.length || today.count) return today.date;
  return (columns.find((c) => c.jobs.length) ?? today).date;
}
