import { z } from 'zod';
import { rankingFactors, type RankingFactor } from '../reputation/ranking.ts';

/** The operator's ranking weights: whole points per factor, adding up to 100. */
export const rankingWeightsSchema = z
  .object(
    Object.fromEntries(
      rankingFactors.map((f) => [f, z.int('Weights are whole numbers').min(0, 'A weight cannot be negative').max(100, 'At most 100')]),
    ) as Record<RankingFactor, z.ZodInt>,
  )
  .refine((w) => Object.values(w).reduce((n, v) => n + v, 0) === 100, {
    message: 'The weights must add up to 100.',
  });

export const reviewSettingsSchema = z
  .object({
    windowDays: z.int().min(1, 'At least a day').max(60, 'At most 60 days'),
    editHours: z.int().min(0).max(168, 'At most a week'),
    reminderDaysBefore: z.int().min(0).max(30),
  })
  .refine((s) => s.reminderDaysBefore < s.windowDays, { message: 'The reminder must come before the window closes.' });

const bps = z.int('Whole basis points').min(0, 'A fee cannot be negative').max(5000, 'At most 50 %');

/**
 * The operator's fee policy per category (issue 18): basis points of the client's fee and of the
 * provider's commission, over the built-in schedule. Read when a booking is priced, so a change
 * moves new bookings only (a booking keeps its price snapshot).
 */
export const feeSettingsSchema = z.object({
  byCategory: z.record(
    z.string().regex(/^[a-z0-9-]{1,60}$/, 'A category slug'),
    z.object({ clientFeeBps: bps.optional(), providerCommissionBps: bps.optional() }),
  ),
});
export type FeeSettings = z.output<typeof feeSettingsSchema>;

const money = z.int('A whole amount in cents').min(0, 'An amount cannot be negative').max(100_000_000, 'At most 1,000,000.00');

/**
 * Operators' limits (issue 18): the most support may refund (minor units), and the payment-plan
 * threshold — the smallest total and the fewest days ahead for which a client may split a booking into
 * instalments (over `defaultPlanPolicy`). Read when the plan options are worked out, so a change moves
 * plans not yet invoiced.
 */
export const limitSettingsSchema = z.object({
  supportRefundLimit: money,
  planMinTotal: money,
  planMinLeadDays: z.int('Whole days').min(0, 'Days cannot be negative').max(365, 'At most a year'),
});
export type LimitSettings = z.output<typeof limitSettingsSchema>;

export const settingKeys = ['ranking', 'reviews', 'fees', 'limits'] as const;
export type SettingKey = (typeof settingKeys)[number];
