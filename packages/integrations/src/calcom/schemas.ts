import { z } from 'zod';

/**
 * Cal.com API v2 response shapes, as much as we read of them. Objects are not strict: the hosted
 * API adds fields over time and we must keep working (fail soft).
 */
export const successEnvelope = <T extends z.ZodType>(data: T) => z.object({ status: z.literal('success'), data });

export const errorEnvelopeSchema = z.object({
  status: z.literal('error'),
  timestamp: z.string().optional(),
  path: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const meSchema = z.object({
  id: z.number(),
  username: z.string().nullable(),
  email: z.string(),
  timeZone: z.string(),
  defaultScheduleId: z.number().nullable().optional(),
  name: z.string().nullable().optional(),
});
export type CalcomMe = z.infer<typeof meSchema>;

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const scheduleSchema = z.object({
  id: z.number(),
  ownerId: z.number().optional(),
  name: z.string(),
  timeZone: z.string(),
  isDefault: z.boolean(),
  availability: z.array(z.object({ days: z.array(z.enum(weekdayNames)), startTime: z.string(), endTime: z.string() })),
  overrides: z.array(z.object({ date: z.string(), startTime: z.string(), endTime: z.string() })).default([]),
});
export type CalcomSchedule = z.infer<typeof scheduleSchema>;

export const eventTypeSchema = z.object({
  id: z.number(),
  title: z.string(),
  slug: z.string(),
  lengthInMinutes: z.number(),
  hidden: z.boolean().optional(),
  scheduleId: z.number().nullable().optional(),
});
export type CalcomEventType = z.infer<typeof eventTypeSchema>;

export const bookingStatusSchema = z.enum(['accepted', 'cancelled', 'rejected', 'pending']);

export const bookingSchema = z.object({
  id: z.number(),
  uid: z.string(),
  title: z.string().optional(),
  status: bookingStatusSchema,
  start: z.string(),
  end: z.string(),
  duration: z.number().optional(),
  eventTypeId: z.number().nullable().optional(),
  hosts: z.array(z.object({ id: z.number(), email: z.string().optional(), username: z.string().nullable().optional() })).default([]),
  attendees: z.array(z.object({ name: z.string(), email: z.string().optional(), timeZone: z.string() })).default([]),
  metadata: z.record(z.string(), z.string()).default({}),
  cancellationReason: z.string().nullable().optional(),
  rescheduledFromUid: z.string().nullable().optional(),
  rescheduledToUid: z.string().nullable().optional(),
});
export type CalcomBooking = z.infer<typeof bookingSchema>;

export const paginationSchema = z.object({ totalItems: z.number(), hasNextPage: z.boolean() }).partial();

export const busyTimeSchema = z.object({ start: z.string(), end: z.string(), source: z.string().nullable().optional() });
export type CalcomBusyTime = z.infer<typeof busyTimeSchema>;

export const connectedCalendarsSchema = z.object({
  connectedCalendars: z.array(
    z.object({
      credentialId: z.number(),
      integration: z.object({ slug: z.string().optional(), type: z.string().optional() }).optional(),
      calendars: z
        .array(z.object({ externalId: z.string(), name: z.string().nullable().optional(), isSelected: z.boolean().optional() }))
        .default([]),
    }),
  ),
});

export const webhookSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  subscriberUrl: z.string(),
  triggers: z.array(z.string()),
  active: z.boolean(),
});

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});
export type CalcomTokens = z.infer<typeof tokenResponseSchema>;
