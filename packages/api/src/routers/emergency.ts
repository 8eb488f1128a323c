import { z } from 'zod';
import { idSchema, phoneSchema } from '@handled/core/schemas';
import { operatorProcedure, router, userProcedure } from '../trpc.ts';
import {
  acknowledgeAlert,
  bookingAlerts,
  listAlerts,
  myEmergencyContact,
  raiseEmergency,
  removeEmergencyContact,
  resolveAlert,
  setEmergencyContact,
} from '../services/emergency/emergency.ts';

const contactSchema = z.object({
  name: z.string({ error: 'Their name' }).trim().min(1, 'Their name').max(100, 'Keep the name under 100 characters'),
  phone: phoneSchema,
  relation: z.string({ error: 'Who they are to you' }).trim().min(1, 'Who they are to you (partner, parent, friend…)').max(50),
  email: z.union([z.literal(''), z.email('An email address like name@example.com')]).nullish(),
});

const reasonSchema = z
  .string({ error: 'Say what is happening' })
  .trim()
  .min(3, 'Say what is happening, in a few words')
  .max(500, 'Keep it under 500 characters');

/** The emergency contact system: a person's contact, the Emergency button during a job, the operators' queue. */
export const emergencyRouter = router({
  contact: userProcedure.query(({ ctx }) => myEmergencyContact(ctx.deps, ctx.user)),
  setContact: userProcedure.input(contactSchema).mutation(({ ctx, input }) => setEmergencyContact(ctx.deps, ctx.user, input)),
  removeContact: userProcedure.mutation(({ ctx }) => removeEmergencyContact(ctx.deps, ctx.user)),
  /** Either side of a job under way (on my way, in progress); the site, the desk and the bot call it. */
  raise: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(z.object({ bookingId: idSchema, reason: reasonSchema }))
    .mutation(({ ctx, input }) => raiseEmergency(ctx.deps, ctx.user, input)),
  /** Whether the button is offered on this booking, the number to call, its alerts. */
  forBooking: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(z.object({ bookingId: idSchema }))
    .query(({ ctx, input }) => bookingAlerts(ctx.deps, ctx.user, input)),
  /** Operators (admins and support, issue 18): alerts (open and acknowledged by default). */
  alerts: operatorProcedure
    .input(z.object({ status: z.enum(['active', 'resolved', 'all']).default('active') }).default({ status: 'active' }))
    .query(({ ctx, input }) => listAlerts(ctx.deps, input)),
  acknowledge: operatorProcedure
    .input(z.object({ alertId: idSchema }))
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.deps, ctx.user, input)),
  resolve: operatorProcedure
    .input(z.object({ alertId: idSchema, notes: z.string().trim().min(3, 'Write what was done').max(2000) }))
    .mutation(({ ctx, input }) => resolveAlert(ctx.deps, ctx.user, input)),
});
