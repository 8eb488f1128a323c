import { listSlotStarts, nextAvailable, type BusyBlock, type Schedule } from '@handled/core/availability';
import { dayToIsoDate, isoDateToDay, localDayOf, localToUtc } from '@handled/core/zone';
import { DAY_MS, MINUTE_MS } from '@handled/core/durations';
import { availabilityVersions, busyOf, overridesOf, scheduleRulesOf } from '../../repositories/availability.ts';
import { availabilityCacheOf } from '../availability-cache.ts';
import type { ServiceDeps } from '../deps.ts';
import { busyWindow } from '../slots.ts';

export interface FreeSlot {
  start: string;
  end: string;
}

/** A card's next free slot from now, or the first free slot on a date in the provider's own zone. */
export type CardQuestion = { kind: 'next' } | { kind: 'on'; date: string };

/** Where a provider's candidate starts lie for `question`, or null when none can be asked. */
function candidates(schedule: Schedule, question: CardQuestion, now: number): { from: number; to: number } | null {
  if (question.kind === 'next') return { from: now, to: now + schedule.horizonDays * DAY_MS };
  const day = isoDateToDay(question.date);
  const from = localToUtc(schedule.timeZone, day * DAY_MS);
  const to = localToUtc(schedule.timeZone, (day + 1) * DAY_MS);
  return to <= now ? null : { from, to };
}

/**
 * Each provider's free slot for `question` (null when it has none), for a page of search cards.
 * Answers come from the availability cache when the provider's availability version is unchanged —
 * one indexed read for the whole page; the providers that missed are read together (rules,
 * overrides and busy time of the stretch their answers depend on), worked out by the engine and
 * cached until their slot gets closer than the notice.
 */
export async function freeSlotsOfPage(
  deps: ServiceDeps,
  ids: string[],
  question: CardQuestion,
  lengthMin: number,
  now: number,
): Promise<Map<string, FreeSlot | null>> {
  const out = new Map<string, FreeSlot | null>();
  if (ids.length === 0) return out;
  const cache = availabilityCacheOf<FreeSlot | null>(deps.db, 'cards', { maxProviders: 20_000, maxAnswers: 8 });
  const key = question.kind === 'next' ? `next|${lengthMin}` : `on|${question.date}|${lengthMin}`;
  const versions = await availabilityVersions(deps.db, ids);
  const missing: string[] = [];
  for (const id of ids) {
    const hit = cache.get(id, versions.get(id) ?? 0, key, now);
    if (hit === undefined) missing.push(id);
    else out.set(id, hit);
  }
  if (missing.length === 0) return out;

  const lengthMs = lengthMin * MINUTE_MS;
  const schedules = await scheduleRulesOf(deps.db, missing);
  // One stretch covering every missing provider's, so the page's rows come in one read each.
  let lo = Infinity;
  let hi = -Infinity;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  const asked = new Map<string, { schedule: Schedule; from: number; to: number }>();
  for (const id of missing) {
    const schedule = schedules.get(id);
    const range = schedule && candidates(schedule, question, now);
    const window = schedule && range && busyWindow(schedule, range.from, range.to, lengthMs, now);
    if (!schedule || !range || !window) {
      out.set(id, null);
      cache.set(id, versions.get(id) ?? 0, key, null, Infinity, now);
      continue;
    }
    asked.set(id, { schedule, ...range });
    lo = Math.min(lo, window.from);
    hi = Math.max(hi, window.to);
    firstDay = Math.min(firstDay, localDayOf(schedule.timeZone, window.from) - 2);
    lastDay = Math.max(lastDay, localDayOf(schedule.timeZone, window.to) + 2);
  }
  if (asked.size === 0) return out;
  const askedIds = [...asked.keys()];
  const [overrides, busy] = await Promise.all([
    overridesOf(deps.db, askedIds, dayToIsoDate(firstDay), dayToIsoDate(lastDay)),
    busyOf(deps.db, askedIds, lo, hi),
  ]);
  const none: BusyBlock[] = [];
  for (const [id, a] of asked) {
    const schedule = { ...a.schedule, overrides: overrides.get(id) ?? [] };
    const blocks = busy.get(id) ?? none;
    let start: number | undefined;
    if (question.kind === 'next') start = nextAvailable(schedule, blocks, lengthMin, new Date(now))?.start.getTime();
    else start = listSlotStarts(schedule, blocks, lengthMin, { from: a.from, to: a.to }, now)[0];
    const slot = start === undefined ? null : { start: new Date(start).toISOString(), end: new Date(start + lengthMs).toISOString() };
    out.set(id, slot);
    // A found slot stops being bookable once it is closer than the notice; "none" may change as time passes.
    cache.set(id, versions.get(id) ?? 0, key, slot, start === undefined ? Infinity : start - schedule.minNoticeMin * MINUTE_MS, now);
  }
  return out;
}
