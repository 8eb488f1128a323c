import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { adminProcedure, providerProcedure, router, userProcedure } from '../trpc.ts';
import { writeReview, reviewsForBooking } from '../services/reviews/write.ts';
import { moderateReview, reportReview, reviewQueue } from '../services/reviews/moderation.ts';
import { respondToReview } from '../services/reviews/respond.ts';
import { reviewsForDesk } from '../services/reviews/desk.ts';
import { clientReputation } from '../services/reviews/client-reputation.ts';

const stars = (what: string) =>
  z.int(`Choose 1 to 5 stars for ${what}`).min(1, `Choose 1 to 5 stars for ${what}`).max(5, `Choose 1 to 5 stars for ${what}`);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max.toLocaleString('en-US')} characters`);

/**
 * Reviews after a job, both ways and double-blind (services/reviews): writing and changing one's
 * own, reading a booking's as each side may, reporting, the provider's public response, the desk's
 * list, and the operators' moderation.
 */
export const reviewsRouter = router({
  /** The caller's review of a booking and, once revealed, the other side's (a provider's review of a client is for providers only). */
  forBooking: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => reviewsForBooking(ctx.deps, ctx.user, input.id)),
  /** Writes the caller's review, or changes it within the edit window. */
  write: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(
      z.object({
        id: idSchema,
        rating: stars('the job'),
        quality: stars('quality').optional(),
        punctuality: stars('punctuality').optional(),
        communication: stars('communication').optional(),
        value: stars('value').optional(),
        body: text(2000).default(''),
        photoIds: z.array(idSchema).max(4, 'Add at most 4 photos').default([]),
      }),
    )
    .mutation(({ ctx, input }) => writeReview(ctx.deps, ctx.user, { ...input, bookingId: input.id })),
  /** Either side reports the booking's client review (or the response under it) to the operators. */
  report: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(z.object({ id: idSchema, reason: text(500).min(3, 'Tell us in a few words what is wrong') }))
    .mutation(({ ctx, input }) => reportReview(ctx.deps, ctx.user, { bookingId: input.id, reason: input.reason })),
  /** The provider's public response under the client's review (an empty one removes it). */
  respond: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(z.object({ id: idSchema, body: text(1000) }))
    .mutation(({ ctx, input }) => respondToReview(ctx.deps, ctx.user, { bookingId: input.id, body: input.body })),
  /** What providers wrote about the booking's client (providers only). */
  aboutClient: providerProcedure
    .meta({ access: 'provider', ownedBy: 'booking' })
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => clientReputation(ctx.deps, ctx.user, input.id)),
  /** The desk's Reviews: all the provider's reviews, unanswered first, optionally of one star rating. */
  mine: providerProcedure
    .meta({ access: 'provider', ownedBy: 'self' })
    .input(z.object({ rating: z.int().min(1).max(5).optional() }).default({}))
    .query(({ ctx, input }) => reviewsForDesk(ctx.deps, ctx.user.id, input)),
  /** The operators' queue: held and reported reviews, or the hidden ones, or all. */
  queue: adminProcedure
    .meta({ access: 'admin' })
    .input(z.object({ which: z.enum(['waiting', 'hidden', 'all']).default('waiting') }).default({ which: 'waiting' }))
    .query(({ ctx, input }) => reviewQueue(ctx.deps, input.which)),
  /** Publish, hide (the reason is shown to the author) or restore a review; audited with who and why. */
  moderate: adminProcedure
    .meta({ access: 'admin' })
    .input(
      z.object({
        reviewId: idSchema,
        action: z.enum(['publish', 'hide', 'restore']),
        reason: text(500).min(3, 'Say why, in a few words: it is kept in the audit log'),
      }),
    )
    .mutation(({ ctx, input }) => moderateReview(ctx.deps, ctx.user, input)),
});
