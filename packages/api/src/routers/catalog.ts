import { z } from 'zod';
import { timeZoneSchema } from '@handled/core/availability';
import { hoursSchema, idSchema } from '@handled/core/schemas';
import { publicProcedure, router } from '../trpc.ts';
import * as providers from '../services/providers.ts';

/** catalog.slots's input (apps/server's plain-GET path for it parses the same). */
export const slotsInput = z.object({
  providerId: idSchema,
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  hours: hoursSchema,
  viewerTimeZone: timeZoneSchema,
});

export const catalogRouter = router({
  categories: publicProcedure.query(({ ctx }) => providers.categories(ctx.deps)),
  search: publicProcedure
    .input(
      z.object({
        category: z.string().max(100).optional(),
        city: z.string().max(100).optional(),
        near: z
          .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), radiusKm: z.number().min(1).max(200) })
          .optional(),
        minRating: z.number().min(0).max(5).optional(),
        maxRate: z.number().int().positive().optional(),
        sort: z.enum(['best', 'rating', 'price', 'distance']).default('best'),
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => providers.search(ctx.deps, input)),
  provider: publicProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => providers.profile(ctx.deps, input.id)),
  slots: publicProcedure.input(slotsInput).query(({ ctx, input }) => providers.slots(ctx.deps, input)),
  quote: publicProcedure
    .input(z.object({ providerId: idSchema, hours: hoursSchema, categoryId: idSchema.optional() }))
    .query(({ ctx, input }) => providers.quote(ctx.deps, input)),
});
