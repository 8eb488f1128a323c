import { z } from 'zod';
import { hoursSchema, idSchema } from '@handled/core/schemas';
import { router, userProcedure } from '../trpc.ts';
import { acceptChange, pendingChangeOf, proposeChange, rejectChange, withdrawChange } from '../services/bookings/changes.ts';

const byId = z.object({ id: idSchema });
const answer = byId.extend({ changeId: idSchema.optional() });

/** Reschedules and other changes by agreement: one side proposes, the other accepts or rejects. */
export const changesRouter = router({
  /** A new start, new estimated hours and/or new details; at least one must differ (checked by the service). */
  propose: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(
      byId.extend({
        startsAt: z.iso.datetime({ offset: true, error: 'Pick a new start time' }).optional(),
        hours: hoursSchema.optional(),
        details: z.string().trim().min(5, 'Describe the job (at least 5 characters)').max(2000).optional(),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .mutation(({ ctx, input }) => proposeChange(ctx.deps, ctx.user, input)),
  pending: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(byId)
    .query(({ ctx, input }) => pendingChangeOf(ctx.deps, ctx.user, input.id)),
  accept: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(answer)
    .mutation(({ ctx, input }) => acceptChange(ctx.deps, ctx.user, input)),
  reject: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(answer.extend({ reason: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => rejectChange(ctx.deps, ctx.user, input)),
  withdraw: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(answer)
    .mutation(({ ctx, input }) => withdrawChange(ctx.deps, ctx.user, input)),
});
