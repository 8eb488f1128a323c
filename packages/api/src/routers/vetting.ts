import { z } from 'zod';
import { listingStatuses } from '@handled/core/onboarding';
import { idSchema, reviewNoteSchema } from '@handled/core/schemas';
import { adminProcedure, router } from '../trpc.ts';
import { decideListing, listingForReview, vettingQueue } from '../services/onboarding/vetting.ts';

const one = z.object({ providerId: idSchema });
const withNote = z.object({ providerId: idSchema, note: reviewNoteSchema });

/** The operators' vetting of provider listings: the queue, one listing in full, and the decisions. */
export const vettingRouter = router({
  queue: adminProcedure
    .input(z.object({ status: z.enum(listingStatuses).default('submitted') }).default({ status: 'submitted' }))
    .query(({ ctx, input }) => vettingQueue(ctx.deps, input.status)),
  listing: adminProcedure.input(one).query(({ ctx, input }) => listingForReview(ctx.deps, input.providerId)),
  approve: adminProcedure.input(one).mutation(({ ctx, input }) => decideListing(ctx.deps, ctx.user, input.providerId, 'approved', null)),
  /** Back to the provider with what to change; they see the reason in the desk and by email. */
  sendBack: adminProcedure
    .input(withNote)
    .mutation(({ ctx, input }) => decideListing(ctx.deps, ctx.user, input.providerId, 'changes_requested', input.note)),
  suspend: adminProcedure
    .input(withNote)
    .mutation(({ ctx, input }) => decideListing(ctx.deps, ctx.user, input.providerId, 'suspended', input.note)),
  reinstate: adminProcedure
    .input(one)
    .mutation(({ ctx, input }) => decideListing(ctx.deps, ctx.user, input.providerId, 'reinstated', null)),
});
