import { z } from 'zod';

export const cancellationPolicyNames = ['flexible', 'moderate', 'strict'] as const;
export type CancellationPolicyName = (typeof cancellationPolicyNames)[number];

/**
 * One step of a policy: a client who cancels less than `withinHours` before the start owes
 * `feeBps` of the service amount (basis points, 10 000 = 100 %).
 */
export const cancellationTierSchema = z.object({
  withinHours: z
    .number()
    .positive()
    .max(24 * 365),
  feeBps: z.number().int().min(0).max(10_000),
});
export type CancellationTier = z.infer<typeof cancellationTierSchema>;

/**
 * The rules copied onto a booking when it is made, so a provider who later changes their policy
 * does not change the terms of bookings already agreed. Stored as JSON on the booking row; parse
 * it with this schema when reading it back.
 */
export const cancellationPolicySnapshotSchema = z.object({
  name: z.enum(cancellationPolicyNames),
  tiers: z.array(cancellationTierSchema).max(10),
});
export type CancellationPolicySnapshot = z.infer<typeof cancellationPolicySnapshotSchema>;
