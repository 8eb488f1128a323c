/**
 * # Availability engine
 *
 * Pure functions: schedule + busy time + job length + `now` -> bookable slots. No clock, no I/O.
 * Validate schedules at the boundary with `scheduleSchema` (the API uses the same schema).
 *
 * ```ts
 * const slots = listSlots(schedule, busy, 120, { from, to }, now); // ordered UTC instants
 * const check = checkSlot(schedule, busy, start, 120, now);       // same rules, one start
 * const days = groupSlotsByDay(slots, 'Europe/London');           // viewer's dates + labels
 * const packed = packSlotDays(starts, 'Europe/London');            // each start once, per date (API answers)
 * groupSlotsByDay(unpackSlotDays(packed, 120), zone);              // labels where they are shown
 * const next = nextAvailable(schedule, busy, 120, now);            // for provider cards
 * assertSlot(schedule, busy, start, 120, now);  // throws DomainError SLOT_UNAVAILABLE { reason }
 * // naming the zone, times in words: describeZone, formatWhen… in ../time-in-zone.ts
 * summarizeWeeklyHours(schedule.weekly);        // ["Mon–Fri 09:00–17:00"]
 * ```
 *
 * Tests: `pnpm exec vitest run --project unit packages/core/src/availability` (unit, DST in
 * New York / London / Sydney, fast-check properties). Bench:
 * `pnpm exec vitest bench --run packages/core/src/availability/slots.bench.ts` — a 30-day range
 * with 80 busy blocks and a 15-minute grid lists in ~0.15 ms warm (under 1 ms on a zone's first
 * call), checkSlot ~0.015 ms.
 *
 * ## Decisions
 * - **One predicate.** `listSlots` walks the slot grid and keeps the starts `evaluate` accepts;
 *   `checkSlot` runs `evaluate` on one start. A listed slot always checks out and a start that
 *   checks out is always listed (Cal.com #29532). Property tests hold this.
 * - **Working ranges in wall time.** A range "09:00-17:00" runs from the first instant the
 *   provider's clock shows 09:00 that day to the first instant it shows 17:00. On a spring-forward
 *   day "01:00-03:00" in New York is one real hour (02:xx does not exist); on a fall-back day it is
 *   three (01:xx happens twice, EDT then EST). A time inside a gap maps to the moment the clocks jump.
 * - **Slot grid in elapsed time.** Starts step by `slotIntervalMin` real minutes from the range's
 *   start instant, so on a fall-back night "1:30 AM" can be offered twice; labels then carry the
 *   zone ("1:30 AM EDT" / "1:30 AM EST"). The first start is the first grid point at or after
 *   max(range start, now + notice).
 * - **Chaining.** Touching ranges form one working block: 09:00-12:00 + 12:00-17:00, and
 *   22:00-24:00 + next day's 00:00-06:00. A job may run across the join (an overnight job) but its
 *   start stays on the grid of the range it starts in. A job must end inside its block.
 * - **Buffers** only separate jobs from busy time; they may fall outside working hours (as in
 *   Cal.com). Between two bookings here there is always `bufferAfterMin + bufferBeforeMin`
 *   (each job keeps its own buffers). A Cal.com busy block is taken as it is, and the new job's
 *   buffers must not overlap it. Touching is allowed (a job may end when busy time begins).
 * - **Notice and horizon.** A start must be >= now + `minNoticeMin`; the whole job must end by
 *   now + `horizonDays` x 24 h ("nothing beyond the horizon").
 * - **Limits.** `maxJobsPerDay`/`maxJobsPerWeek` count only `kind: 'booking'` items, by the
 *   provider-local date on which each starts; weeks start on Monday in the provider's zone. A new
 *   job counts for the day its slot's range belongs to. Callers pass bookings for every day and
 *   week the listed range touches.
 * - **Range filter.** `listSlots` returns slots whose start is in [from, to); the job may end later.
 * - **Rejections** are checked in this order: too_soon, beyond_horizon, outside_hours (start not in
 *   a range), misaligned, outside_hours (job runs past its block), overlaps, daily_limit,
 *   weekly_limit.
 * - **Speed.** Offsets come from Intl, memoised per zone and instant; a day with no offset change
 *   converts with one subtraction. Busy time is widened, sorted and merged once; overlap is a
 *   binary search, and listing jumps over a busy stretch in one step. No per-minute loops.
 */
export * from './schedule.schema.ts';
export { listSlots, listSlotStarts, checkSlot, assertSlot, nextAvailable, slotRejections } from './slots.ts';
export type { AvailableSlot, Instant, SlotCheck, SlotRejection } from './slots.ts';
export { groupSlotsByDay, summarizeWeeklyHours } from './display.ts';
export type { SlotDay, SlotLabel } from './display.ts';
export { compileHours, workingRanges, type CompiledHours, type WorkingRange } from './working-ranges.ts';
export { packSlotDays, unpackSlotDays, countSlotDays, isoSlotsOf } from './slot-days.ts';
export type { PackedSlotDay } from './slot-days.ts';
