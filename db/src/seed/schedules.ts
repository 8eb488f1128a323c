import { dayToIsoDate, localDayOf } from '@handled/core/zone';
import type { CategorySlug } from './data/categories.ts';
import type { Rng } from './rng.ts';
import type { TimeRange, WeeklyHours } from '../schema/index.ts';

const r = (start: string, end: string): TimeRange => ({ start, end });
const week = (days: Partial<WeeklyHours>): WeeklyHours => ({
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday: [],
  saturday: [],
  sunday: [],
  ...days,
});
const weekdays = (ranges: TimeRange[], extra: Partial<WeeklyHours> = {}) =>
  week({ monday: ranges, tuesday: ranges, wednesday: ranges, thursday: ranges, friday: ranges, ...extra });

/** Weekly patterns real tradespeople keep: office hours, split days, Saturdays, four-day weeks. */
export const weeklyPatterns = {
  officeHours: weekdays([r('08:00', '17:00')]),
  withSaturday: weekdays([r('09:00', '18:00')], { saturday: [r('09:00', '13:00')] }),
  splitDay: weekdays([r('08:00', '12:00'), r('13:00', '17:30')]),
  lateWeek: week({
    tuesday: [r('10:00', '19:00')],
    wednesday: [r('10:00', '19:00')],
    thursday: [r('10:00', '19:00')],
    friday: [r('10:00', '19:00')],
    saturday: [r('09:00', '16:00')],
  }),
  fourDays: week({
    monday: [r('07:30', '17:30')],
    tuesday: [r('07:30', '17:30')],
    wednesday: [r('07:30', '17:30')],
    thursday: [r('07:30', '17:30')],
  }),
  weekends: week({
    wednesday: [r('09:00', '17:00')],
    thursday: [r('09:00', '17:00')],
    friday: [r('09:00', '17:00')],
    saturday: [r('09:00', '17:00')],
    sunday: [r('10:00', '16:00')],
  }),
  walks: weekdays([r('07:00', '10:00'), r('11:30', '15:00'), r('17:00', '19:00')], { saturday: [r('08:00', '12:00')] }),
} as const satisfies Record<string, WeeklyHours>;

export type WeeklyPatternName = keyof typeof weeklyPatterns;

export interface SchedulePlan {
  weekly: WeeklyHours;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  minNoticeMin: number;
  horizonDays: number;
  slotIntervalMin: number;
  maxJobsPerDay: number | null;
}

export function drawSchedule(rng: Rng, primary: CategorySlug): SchedulePlan {
  const pattern: WeeklyPatternName =
    primary === 'dog-walking'
      ? 'walks'
      : rng.weighted<WeeklyPatternName>([
          ['officeHours', 4],
          ['withSaturday', 4],
          ['splitDay', 2],
          ['lateWeek', 2],
          ['fourDays', 1],
          ['weekends', primary === 'gardening' || primary === 'cleaning' ? 2 : 1],
        ]);
  return {
    weekly: weeklyPatterns[pattern],
    bufferBeforeMin: rng.pick([0, 0, 15]),
    bufferAfterMin: primary === 'dog-walking' ? 15 : rng.pick([15, 30, 30, 45]),
    minNoticeMin: rng.pick([120, 240, 720, 1440]),
    horizonDays: 60,
    slotIntervalMin: 30,
    maxJobsPerDay: primary === 'dog-walking' ? 6 : primary === 'cleaning' ? rng.pick([2, 3]) : null,
  };
}

const closedNotes = ['Family wedding', 'Training course', 'Van in for its service', 'Day off', 'Supplier trade day', 'Moving house'];

export interface OverridePlan {
  date: string;
  ranges: TimeRange[];
  note: string;
}

/**
 * One to three exceptions in the coming weeks, in the provider's zone: closed days and a short
 * day. `earliestDay` keeps them clear of the first days (the demo provider stays bookable).
 */
export function drawOverrides(rng: Rng, zone: string, now: Date, earliestDay = 2): OverridePlan[] {
  const today = localDayOf(zone, now.getTime());
  const offsets = rng.sample(
    Array.from({ length: 50 - earliestDay }, (_, i) => i + earliestDay),
    rng.int(1, 3),
  );
  return offsets
    .sort((a, b) => a - b)
    .map((offset, i) => ({
      date: dayToIsoDate(today + offset),
      ranges: i === 1 ? [r('09:00', '12:00')] : [],
      note: i === 1 ? 'Appointment in the afternoon' : rng.pick(closedNotes),
    }));
}
