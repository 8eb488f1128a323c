import { z } from 'zod';
import { idSchema, settingKeys } from '@handled/core/schemas';
import { adminProcedure, providerProcedure, publicProcedure, router } from '../trpc.ts';
import { explainMyRanking } from '../services/reputation/explain.ts';
import { analyticsOf } from '../services/reputation/analytics.ts';
import { countView } from '../services/reputation/views.ts';
import { settingsView, updateSetting } from '../services/settings.ts';

/** Ranking, quality and analytics for providers; the operator's settings; the profile-view counter. */
export const reputationRouter = router({
  /** The provider's place in "best match" and which factors move it, by how much. */
  ranking: providerProcedure.meta({ access: 'provider', ownedBy: 'self' }).query(({ ctx }) => explainMyRanking(ctx.deps, ctx.user.id)),
  /** The desk's Analytics (26 weeks). */
  analytics: providerProcedure.meta({ access: 'provider', ownedBy: 'self' }).query(({ ctx }) => analyticsOf(ctx.deps, ctx.user.id)),
  /** One view of a public profile (a daily counter per provider; nothing about the viewer is kept). */
  countView: publicProcedure
    .meta({ access: 'public' })
    .input(z.object({ providerId: idSchema }))
    .mutation(({ ctx, input }) => countView(ctx.deps, input.providerId, ctx.user?.id ?? null)),
  settings: adminProcedure.meta({ access: 'admin' }).query(({ ctx }) => settingsView(ctx.deps)),
  updateSetting: adminProcedure
    .meta({ access: 'admin' })
    .input(
      z.object({
        key: z.enum(settingKeys),
        value: z.record(z.string(), z.unknown()),
        reason: z.string().trim().min(3, 'Say why, in a few words: it is kept with the version').max(500),
        expectedVersion: z.int().min(0),
      }),
    )
    .mutation(({ ctx, input }) => updateSetting(ctx.deps, ctx.user, input)),
});
