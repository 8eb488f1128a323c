import { z } from 'zod';
import { providerProcedure, router } from '../trpc.ts';
import { deskPulse } from '../services/desk/pulse.ts';

/** What the provider's desk app polls beside its screens. */
export const deskRouter = router({
  /** Counts for the tray and badge, and what happened since `since` (the previous answer's `asOf`) for desktop notifications. */
  pulse: providerProcedure
    .input(z.object({ since: z.iso.datetime().optional() }))
    .query(({ ctx, input }) => deskPulse(ctx.deps, ctx.user, input)),
});
