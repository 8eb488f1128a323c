import { z } from 'zod';
import { isValidTimeZone } from '../availability/clock.ts';
import { notificationChannels, notificationGroups, notificationLanguages } from '../notification-choices.ts';
import { addressSchema } from './address.ts';
import { PHONE_MESSAGE, toE164 } from './phone.ts';

export const personNameSchema = z.string().trim().min(2, 'Enter your name').max(100, 'Use at most 100 characters');

/** A person's own details. A blank phone removes it; a phone is kept as E.164. `language` (of notifications) is left as it is when not given. */
export const accountProfileSchema = z.object({
  name: personNameSchema,
  phone: z
    .string()
    .trim()
    .max(40, PHONE_MESSAGE)
    .transform((value, ctx) => {
      if (value === '') return null;
      const e164 = toE164(value);
      if (!e164) {
        ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
        return z.NEVER;
      }
      return e164;
    }),
  timeZone: z.string().trim().max(64).refine(isValidTimeZone, 'Choose a time zone from the list'),
  language: z.enum(notificationLanguages, 'Choose a language from the list').optional(),
});
export type AccountProfileInput = z.input<typeof accountProfileSchema>;

/** A saved address: the booking form's address rules, a short label and whether it is the default. */
export const savedAddressSchema = z.object({
  id: z.string().trim().min(1).max(100).optional(),
  label: z.string().trim().max(40, 'Use at most 40 characters').default(''),
  address: addressSchema,
  isDefault: z.boolean().default(false),
});
export type SavedAddressInput = z.input<typeof savedAddressSchema>;

const channelChoices = z.object(
  Object.fromEntries(notificationChannels.map((c) => [c, z.boolean()])) as Record<(typeof notificationChannels)[number], z.ZodBoolean>,
);

/** Every group and channel, on or off. */
export const notificationChoicesSchema = z.object(
  Object.fromEntries(notificationGroups.map((g) => [g, channelChoices])) as Record<
    (typeof notificationGroups)[number],
    typeof channelChoices
  >,
);

/** Deleting an account asks for the password again and a typed confirmation. */
export const deleteAccountSchema = z.object({
  password: z.string().min(1, 'Enter your password').max(128),
  confirm: z.literal('DELETE', { error: 'Type DELETE to confirm' }),
});
