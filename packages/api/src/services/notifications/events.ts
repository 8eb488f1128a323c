import { z } from 'zod';
import { notificationChannels, notificationGroups, notificationLanguages } from '@handled/core/notification-choices';

const E164 = /^\+[1-9]\d{6,14}$/;

/** An event for one person, as `notify` takes it (and the `notification.deliver` job carries it). */
export const notificationEventSchema = z.object({
  key: z.string().min(1).max(300),
  userId: z.string().min(1),
  bookingId: z.string().min(1).nullish(),
  group: z.enum([...notificationGroups, 'safety']),
  urgent: z.boolean().optional(),
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(4000),
  link: z.url().nullish(),
  sms: z.string().max(1000).nullish(),
  channels: z.array(z.enum(notificationChannels)).optional(),
});
export type NotificationEvent = z.input<typeof notificationEventSchema>;

/** Someone without an account (an emergency contact): SMS and email only, always urgent. */
export const contactEventSchema = z.object({
  key: z.string().min(1).max(300),
  name: z.string().min(1).max(200),
  phone: z.string().regex(E164, 'A phone number in E.164 form (+15551234567)').nullish(),
  email: z.email().nullish(),
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(4000),
  sms: z.string().max(1000).nullish(),
  /** The language title, body and sms are written in (the email's greeting and footer follow it); English when not given. */
  language: z.enum(notificationLanguages).optional(),
});
export type ContactEvent = z.input<typeof contactEventSchema>;
