import { z } from 'zod';
import { providerProcedure, router } from '../trpc.ts';
import { choosePayoutSchedule, connectStatus, refreshConnectStatus, startOnboarding } from '../services/payments/connect.ts';
import { bankPayoutsOfProvider } from '../services/payments/bank-payouts.ts';
import { earningsOfProvider, payoutsOfProvider } from '../services/payments/views.ts';

/** The provider's side of money: Stripe onboarding, readiness, payout schedule, payouts and earnings. */
export const payoutsRouter = router({
  /** Readiness with the requirements still due and a message to show. */
  status: providerProcedure.meta({ access: 'provider', ownedBy: 'self' }).query(({ ctx }) => connectStatus(ctx.deps, ctx.user.id)),
  /** Creates the Express account once and returns a fresh single-use onboarding link (also for refresh). */
  onboardingLink: providerProcedure
    .meta({ access: 'provider', ownedBy: 'self' })
    .mutation(({ ctx }) => startOnboarding(ctx.deps, ctx.user.id)),
  /** After the return URL: read the account again (webhooks also do this). */
  refresh: providerProcedure
    .meta({ access: 'provider', ownedBy: 'self' })
    .mutation(({ ctx }) => refreshConnectStatus(ctx.deps, ctx.user.id)),
  setSchedule: providerProcedure
    .meta({ access: 'provider', ownedBy: 'self' })
    .input(z.object({ schedule: z.enum(['asap', 'weekly', 'monthly']) }))
    .mutation(({ ctx, input }) => choosePayoutSchedule(ctx.deps, ctx.user.id, input.schedule)),
  list: providerProcedure
    .meta({ access: 'provider', ownedBy: 'self' })
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => payoutsOfProvider(ctx.deps, ctx.user.id, input.limit)),
  /** Stripe's payouts of the provider's balance to their bank: in transit, paid, or failed with the reason. */
  bankPayouts: providerProcedure
    .meta({ access: 'provider', ownedBy: 'self' })
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => bankPayoutsOfProvider(ctx.deps, ctx.user.id, input.limit)),
  earnings: providerProcedure.meta({ access: 'provider', ownedBy: 'self' }).query(({ ctx }) => earningsOfProvider(ctx.deps, ctx.user.id)),
});
