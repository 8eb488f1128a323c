import { z } from 'zod';
import { accountProfileSchema, deleteAccountSchema, savedAddressSchema } from '@handled/core/schemas';
import { notificationChannels, notificationGroups } from '@handled/core/notification-choices';
import { siteForm } from '$lib/server/form';

const typed = z.string();
const optional = (s: string) => (s.trim() === '' ? undefined : s);

/** Name, phone, time zone and the language of notifications: the core's account schema, fields as typed (no language: kept as it is). */
export const profileForm = siteForm(
  z.object({ name: typed, phone: typed, timeZone: typed, language: typed.transform(optional).optional() }).pipe(accountProfileSchema),
  {
    message: 'Please check the highlighted fields.',
  },
);

/** An address, checked by the booking form's own rules (core's addressSchema). */
export const addressForm = siteForm(
  z
    .object({
      id: typed,
      label: typed,
      line1: typed,
      line2: typed,
      city: typed,
      region: typed,
      postalCode: typed,
      country: typed,
      isDefault: typed,
    })
    // Unknown until the core's schema has checked it; blank optional fields are left out.
    .transform((v): unknown => ({
      id: optional(v.id),
      label: v.label.trim(),
      isDefault: v.isDefault === 'on' || v.isDefault === 'true',
      address: {
        line1: v.line1,
        line2: optional(v.line2),
        city: v.city,
        region: optional(v.region),
        postalCode: v.postalCode,
        country: v.country,
      },
    }))
    .pipe(savedAddressSchema),
  { aliases: { address: 'line1' }, message: 'Please check the highlighted fields.' },
);

export const addressIdForm = siteForm(z.object({ id: z.string().min(1).max(100) }));

export const emailForm = siteForm(z.object({ newEmail: z.email('Enter a valid email address').trim().toLowerCase() }));

export const passwordForm = siteForm(
  z.object({
    currentPassword: z.string().min(1, 'Enter your current password').max(128),
    newPassword: z.string().min(8, 'Use at least 8 characters').max(128),
  }),
  { secret: ['currentPassword', 'newPassword'] },
);

/** One checkbox per group and channel, named `<group>.<channel>`; unticked boxes are not sent. */
export const notificationFields = notificationGroups.flatMap((g) => notificationChannels.map((c) => `${g}.${c}`));

export function choicesFrom(data: FormData) {
  return Object.fromEntries(
    notificationGroups.map((g) => [g, Object.fromEntries(notificationChannels.map((c) => [c, data.get(`${g}.${c}`) === 'on']))]),
  ) as Record<(typeof notificationGroups)[number], Record<(typeof notificationChannels)[number], boolean>>;
}

export const deleteForm = siteForm(z.object({ password: typed, confirm: typed }).pipe(deleteAccountSchema), { secret: ['password'] });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give quiet hours as times, like 22:00.');

/** Quiet hours from the form: `quiet` ticked with a start and an end (the person's own zone), or none. */
export function quietHoursFrom(data: FormData) {
  if (data.get('quiet') !== 'on') return { success: true as const, data: null };
  return z
    .object({ start: clock, end: clock })
    .refine((q) => q.start !== q.end, 'Quiet hours must start and end at different times.')
    .safeParse({ start: data.get('quietStart'), end: data.get('quietEnd') });
}
