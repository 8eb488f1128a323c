import { z } from 'zod';
import { notificationChoicesSchema } from '@handled/core/schemas';
import { router, userProcedure } from '../trpc.ts';
import { centre, markRead, preferencesOf, savePreferences, unreadCount } from '../services/notifications/preferences.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 22:00');

/** The signed-in person's notifications: preferences (per event group × channel, quiet hours, SMS consent) and the in-app centre. */
export const notificationsRouter = router({
  preferences: userProcedure.meta({ access: 'user', ownedBy: 'self' }).query(({ ctx }) => preferencesOf(ctx.deps, ctx.user.id)),
  savePreferences: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(
      z.object({
        choices: notificationChoicesSchema.optional(),
        /** Wall-clock times in the person's own zone; null: no quiet hours. */
        quietHours: z.object({ start: hhmm, end: hhmm }).nullable().optional(),
        smsConsent: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => savePreferences(ctx.deps, ctx.user.id, input)),
  /** The centre: newest first, 20 at a time (`before`: the last item's createdAt). */
  list: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(z.object({ limit: z.int().min(1).max(50).default(20), before: z.coerce.date().optional() }).default({ limit: 20 }))
    .query(({ ctx, input }) => centre(ctx.deps, ctx.user.id, input)),
  unreadCount: userProcedure.meta({ access: 'user', ownedBy: 'self' }).query(({ ctx }) => unreadCount(ctx.deps, ctx.user.id)),
  /** Marks the person's own notifications read: these ids, or all of them. */
  markRead: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }).or(z.object({ all: z.literal(true) })))
    .mutation(({ ctx, input }) => markRead(ctx.deps, ctx.user.id, 'ids' in input ? input.ids : null)),
});
