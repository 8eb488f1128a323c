import { z } from 'zod';
import { HHMM, isCalendarDate, isValidTimeZone, parseClock } from './clock.ts';

/**
 * Schemas for a provider's schedule and busy time. The API validates provider edits with these
 * same schemas; the engine's types are inferred from them.
 */

export { weekdays, parseClock, isValidTimeZone, isCalendarDate, type Weekday } from './clock.ts';

export const timeZoneSchema = z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone' });

export const clockTimeSchema = z.string().regex(HHMM, { message: 'Use HH:MM (00:00 to 24:00)' });

export const timeRangeSchema = z
  .object({ start: clockTimeSchema, end: clockTimeSchema })
  .refine((r) => typeof r.start !== 'string' || typeof r.end !== 'string' || parseClock(r.start) < parseClock(r.end), {
    message: 'A range must end after it starts (use 24:00 for midnight)',
    path: ['end'],
  });
export type TimeRange = z.infer<typeof timeRangeSchema>;

/** Ranges of one day: at most 12, in any order, never overlapping (touching is fine). */
export const dayRangesSchema = z
  .array(timeRangeSchema)
  .max(12)
  .superRefine((ranges, ctx) => {
    const sorted = ranges.map((r) => [parseClock(r.start), parseClock(r.end)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev && cur && cur[0] < prev[1]) {
        ctx.addIssue({ code: 'custom', message: 'Ranges on one day must not overlap' });
        return;
      }
    }
  });

export const weeklyHoursSchema = z.object({
  monday: dayRangesSchema.default([]),
  tuesday: dayRangesSchema.default([]),
  wednesday: dayRangesSchema.default([]),
  thursday: dayRangesSchema.default([]),
  friday: dayRangesSchema.default([]),
  saturday: dayRangesSchema.default([]),
  sunday: dayRangesSchema.default([]),
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const dateOverrideSchema = z.object({
  date: z.string().refine(isCalendarDate, { message: 'Use a real date as YYYY-MM-DD' }),
  /** The day's hours instead of the weekday's; empty means closed. */
  ranges: dayRangesSchema,
});
export type DateOverride = z.infer<typeof dateOverrideSchema>;

const minutes = (max: number) => z.number().int().min(0).max(max);

export const scheduleSchema = z.object({
  timeZone: timeZoneSchema,
  weekly: weeklyHoursSchema,
  overrides: z
    .array(dateOverrideSchema)
    .max(500)
    .default([])
    .refine((list) => new Set(list.map((o) => o.date)).size === list.length, {
      message: 'One override per date',
    }),
  bufferBeforeMin: minutes(24 * 60).default(0),
  bufferAfterMin: minutes(24 * 60).default(0),
  minNoticeMin: minutes(60 * 24 * 60).default(0),
  horizonDays: z.number().int().min(1).max(730).default(60),
  slotIntervalMin: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  maxJobsPerDay: z.number().int().min(1).max(100).optional(),
  maxJobsPerWeek: z.number().int().min(1).max(500).optional(),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;

const instantSchema = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v));

export const busyKindSchema = z.enum(['booking', 'external']);
export type BusyKind = z.infer<typeof busyKindSchema>;

export const busyBlockSchema = z
  .object({ start: instantSchema, end: instantSchema, kind: busyKindSchema, id: z.string().optional() })
  // zod 4 runs object refinements even when a field failed, so guard the types.
  .refine((b) => !(b.start instanceof Date && b.end instanceof Date) || b.end.getTime() > b.start.getTime(), {
    message: 'Busy time must end after it starts',
    path: ['end'],
  });

/**
 * What the engine accepts: Dates, ISO strings or epoch milliseconds (bookings from the DB, blocks
 * from Cal.com; the API's hot path reads epoch milliseconds straight from the database).
 */
export interface BusyBlock {
  start: Date | string | number;
  end: Date | string | number;
  kind: BusyKind;
  id?: string;
}

/** Alias of `BusyBlock`. */
export type Busy = BusyBlock;

/** Cal.com's default schedule: Monday to Friday, 09:00-17:00. */
export function defaultSchedule(timeZone: string): Schedule {
  const nineToFive = [{ start: '09:00', end: '17:00' }];
  return scheduleSchema.parse({
    timeZone,
    weekly: { monday: nineToFive, tuesday: nineToFive, wednesday: nineToFive, thursday: nineToFive, friday: nineToFive },
  });
}
