import { z } from 'zod';
import { bookingStatuses } from '@handled/core/booking';
import { idSchema } from '@handled/core/schemas';
import { adminProcedure, operatorProcedure, router } from '../trpc.ts';
import {
  auditLogView,
  operatorBooking,
  operatorCancel,
  operatorMove,
  operatorNoShow,
  operatorOverview,
  operatorPerson,
  operatorRefund,
  operatorResolveDispute,
  operatorSearch,
  reactivatePerson,
  readBookingMessages,
  recordPasswordReset,
  suspendPerson,
  verifyEmailByHand,
} from '../services/admin/console.ts';
import { operatorCredit } from '../services/admin/credits.ts';
import { setSupportRole } from '../services/admin/roles.ts';
import { resendableNotifications, resendInvoice, resendNotification } from '../services/admin/resend.ts';

/** Every operator action needs a reason; it is kept in the audit log with the action. */
const reason = z.string().trim().min(5, 'Say why, in a few words: the reason is kept in the audit log').max(500, 'At most 500 characters');
const amount = z.int('Whole cents').positive('The amount must be more than nothing').max(100_000_000, 'That amount is too large');
const day = z.iso.date('A date like 2026-12-03').optional();
/** A wall-clock start in the job's zone, as a datetime-local field sends it. */
const localStart = z
  .string('Pick a new start')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "A start like 2026-12-10T14:30 (in the job's zone)");

/** The operator console (issue 18): admins and support; what support may not do is refused in the services. */
export const operatorRouter = router({
  overview: operatorProcedure.query(({ ctx }) => operatorOverview(ctx.deps)),
  search: operatorProcedure
    .input(
      z.object({
        q: z.string().trim().max(200).optional(),
        status: z.enum(bookingStatuses).optional(),
        from: day,
        to: day,
      }),
    )
    .query(({ ctx, input }) => operatorSearch(ctx.deps, input)),
  booking: operatorProcedure.input(z.object({ bookingId: idSchema })).query(({ ctx, input }) => operatorBooking(ctx.deps, input.bookingId)),
  /** Opening a conversation is itself logged, with why. */
  messages: operatorProcedure
    .input(z.object({ bookingId: idSchema, reason }))
    .mutation(({ ctx, input }) => readBookingMessages(ctx.deps, ctx.user, input)),
  cancel: operatorProcedure
    .input(
      z.object({
        bookingId: idSchema,
        reason,
        refund: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('full') }),
          z.object({ kind: z.literal('policy') }),
          z.object({ kind: z.literal('custom'), amount: z.int('Whole cents').min(0, 'A refund cannot be negative') }),
        ]),
      }),
    )
    .mutation(({ ctx, input }) => operatorCancel(ctx.deps, ctx.user, input)),
  resolveDispute: operatorProcedure
    .input(z.object({ bookingId: idSchema, outcome: z.enum(['completed', 'cancelled']), reason }))
    .mutation(({ ctx, input }) => operatorResolveDispute(ctx.deps, ctx.user, input)),
  refund: operatorProcedure
    .input(z.object({ bookingId: idSchema, amount, reason }))
    .mutation(({ ctx, input }) => operatorRefund(ctx.deps, ctx.user, input)),
  /** Moves the booking to a new start typed in the job's zone; checked as a reschedule is. */
  move: operatorProcedure
    .input(z.object({ bookingId: idSchema, startsAtLocal: localStart, reason }))
    .mutation(({ ctx, input }) => operatorMove(ctx.deps, ctx.user, input)),
  /** Marks the client or the provider absent, through the machine. */
  noShow: operatorProcedure
    .input(z.object({ bookingId: idSchema, absent: z.enum(['client', 'provider'], 'Say who did not come'), reason }))
    .mutation(({ ctx, input }) => operatorNoShow(ctx.deps, ctx.user, input)),
  /** A goodwill credit to the booking's client on their Stripe customer balance (support: up to the limit). */
  credit: operatorProcedure
    .input(z.object({ bookingId: idSchema, amount, reason }))
    .mutation(({ ctx, input }) => operatorCredit(ctx.deps, ctx.user, input)),
  /** The notifications a booking has had (the last of each kind), to send one again. */
  notifications: operatorProcedure
    .input(z.object({ bookingId: idSchema }))
    .query(({ ctx, input }) => resendableNotifications(ctx.deps, input.bookingId)),
  resendNotification: operatorProcedure
    .input(z.object({ bookingId: idSchema, template: z.string().trim().min(1, 'Choose a notification').max(100), reason }))
    .mutation(({ ctx, input }) => resendNotification(ctx.deps, ctx.user, input)),
  resendInvoice: operatorProcedure
    .input(z.object({ bookingId: idSchema, reason }))
    .mutation(({ ctx, input }) => resendInvoice(ctx.deps, ctx.user, input)),
  /** Admins only: give or take the support role. */
  setSupportRole: adminProcedure
    .input(z.object({ userId: idSchema, support: z.boolean(), reason }))
    .mutation(({ ctx, input }) => setSupportRole(ctx.deps, ctx.user, input)),
  person: operatorProcedure.input(z.object({ userId: idSchema })).query(({ ctx, input }) => operatorPerson(ctx.deps, input.userId)),
  suspend: operatorProcedure
    .input(z.object({ userId: idSchema, reason, openBookings: z.enum(['keep', 'cancel']) }))
    .mutation(({ ctx, input }) => suspendPerson(ctx.deps, ctx.user, input)),
  reactivate: operatorProcedure
    .input(z.object({ userId: idSchema, reason }))
    .mutation(({ ctx, input }) => reactivatePerson(ctx.deps, ctx.user, input)),
  verifyEmail: operatorProcedure
    .input(z.object({ userId: idSchema, reason }))
    .mutation(({ ctx, input }) => verifyEmailByHand(ctx.deps, ctx.user, input)),
  /** The site mails the reset link through the auth server; this records who asked and why. */
  passwordReset: operatorProcedure
    .input(z.object({ userId: idSchema, reason }))
    .mutation(({ ctx, input }) => recordPasswordReset(ctx.deps, ctx.user, input)),
  audit: operatorProcedure
    .input(
      z.object({
        subjectType: z.string().trim().max(40).optional(),
        subjectId: z.string().trim().max(100).optional(),
        actorId: z.string().trim().max(100).optional(),
        action: z.string().trim().max(60).optional(),
        limit: z.int().min(1).max(500).default(200),
      }),
    )
    .query(({ ctx, input }) => auditLogView(ctx.deps, input)),
});
