import { z } from 'zod';
import { dateOverrideSchema, timeZoneSchema, weeklyHoursSchema } from '@handled/core/availability';
import { hoursSchema, idSchema } from '@handled/core/schemas';
import { providerProcedure, router } from '../trpc.ts';
import * as connect from '../services/calendar/connect.ts';
import { listConflicts, resolveConflict } from '../services/calendar/conflicts.ts';
import { schedulePreview } from '../services/calendar/preview.ts';
import * as settings from '../services/calendar/settings.ts';
import { syncCalendar } from '../services/calendar/sync.ts';

const minutes = (max: number) => z.number().int().min(0).max(max);

/** The provider's own calendar: hours, rules, overrides, preview, conflicts and the Cal.com link. */
export const calendarRouter = router({
  settings: providerProcedure.query(({ ctx }) => settings.calendarSettings(ctx.deps, ctx.user.id)),
  updateWeeklyHours: providerProcedure
    .input(z.object({ weekly: weeklyHoursSchema }))
    .mutation(({ ctx, input }) => settings.updateWeeklyHours(ctx.deps, ctx.user.id, input.weekly)),
  updateRules: providerProcedure
    .input(
      z
        .object({
          timeZone: timeZoneSchema.optional(),
          bufferBeforeMin: minutes(24 * 60).optional(),
          bufferAfterMin: minutes(24 * 60).optional(),
          minNoticeMin: minutes(60 * 24 * 60).optional(),
          horizonDays: z.number().int().min(1).max(730).optional(),
          slotIntervalMin: z
            .number()
            .int()
            .min(5)
            .max(24 * 60)
            .optional(),
          maxJobsPerDay: z.number().int().min(1).max(100).nullable().optional(),
          maxJobsPerWeek: z.number().int().min(1).max(500).nullable().optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => settings.updateRules(ctx.deps, ctx.user.id, input)),
  addOverride: providerProcedure
    .input(dateOverrideSchema.extend({ note: z.string().trim().max(200).optional() }))
    .mutation(({ ctx, input }) => settings.addOverride(ctx.deps, ctx.user.id, input)),
  removeOverride: providerProcedure
    .input(z.object({ date: dateOverrideSchema.shape.date }))
    .mutation(({ ctx, input }) => settings.deleteOverride(ctx.deps, ctx.user.id, input.date)),
  /** The signed-in provider's next days: hours, jobs here, Cal.com busy time and bookable starts (own data only). */
  preview: providerProcedure
    .input(
      z.object({
        days: z.number().int().min(1).max(14).default(14),
        hours: hoursSchema.default(2),
        viewerTimeZone: timeZoneSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => schedulePreview(ctx.deps, ctx.user.id, input)),
  conflicts: providerProcedure.query(({ ctx }) => listConflicts(ctx.deps, ctx.user.id)),
  resolveConflict: providerProcedure
    .input(
      z.object({
        bookingId: idSchema,
        externalId: z.string().min(3).max(200),
        action: z.enum(['keep_ours', 'cancel_ours', 'dismiss']),
        reason: z.string().trim().max(500).optional(),
      }),
    )
    .mutation(({ ctx, input }) => resolveConflict(ctx.deps, ctx.user.id, input)),
  setMode: providerProcedure
    .input(z.object({ mode: z.enum(['app', 'calcom']) }))
    .mutation(({ ctx, input }) => connect.setMode(ctx.deps, ctx.user.id, input.mode)),
  status: providerProcedure.query(async ({ ctx }) => (await settings.calendarSettings(ctx.deps, ctx.user.id)).connection),
  connectOAuth: providerProcedure.mutation(({ ctx }) => connect.startOAuth(ctx.deps, ctx.user.id)),
  connectApiKey: providerProcedure
    .input(
      z.object({
        apiKey: z
          .string()
          .trim()
          .regex(/^cal_(live|test)_[A-Za-z0-9_]{8,200}$/, 'Paste a Cal.com API key (cal_live_… or cal_test_…)'),
      }),
    )
    .mutation(({ ctx, input }) => connect.connectApiKey(ctx.deps, ctx.user.id, input.apiKey)),
  eventTypes: providerProcedure.query(({ ctx }) => connect.listEventTypes(ctx.deps, ctx.user.id)),
  chooseEventType: providerProcedure
    .input(z.object({ eventTypeId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => connect.chooseEventType(ctx.deps, ctx.user.id, input.eventTypeId)),
  syncNow: providerProcedure.mutation(({ ctx }) => syncCalendar(ctx.deps, ctx.user.id)),
  disconnect: providerProcedure.mutation(({ ctx }) => connect.disconnect(ctx.deps, ctx.user.id)),
});
