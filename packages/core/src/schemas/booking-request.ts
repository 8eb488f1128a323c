import { z } from 'zod';
import { addressSchema, postalCodePatterns } from './address.ts';
import { toE164 } from './phone.ts';

export const hoursSchema = z
  .number({ error: 'Enter the estimated hours' })
  .min(0.5, 'At least half an hour')
  .max(12, 'At most 12 hours in one booking')
  .refine((h) => Number.isInteger(h * 4), 'Use quarter hours (e.g. 1.5 or 2.25)');

export const idSchema = z.string().trim().min(1).max(100);

/** Photos of the problem a client may send with a request (uploaded first, then named by id). */
export const maxRequestPhotos = 5;

const CONTACT_PHONE_MESSAGE = 'Enter a phone number the provider can call';
const servedCountries = Object.keys(postalCodePatterns);

// Checked on its own first, so a form shows this error beside the others; the job's country decides below.
const contactPhoneSchema = z
  .string()
  .trim()
  .max(40, CONTACT_PHONE_MESSAGE)
  .refine((v) => toE164(v) !== null || servedCountries.some((c) => toE164(v, c) !== null), CONTACT_PHONE_MESSAGE);

/** The phone is read in the job's country unless it carries its own code, and kept as E.164. */
export const bookingRequestSchema = z
  .object({
    providerId: idSchema,
    categoryId: idSchema,
    startsAt: z.iso.datetime({ offset: true, error: 'Pick a start time' }),
    hours: hoursSchema,
    details: z.string().trim().min(5, 'Tell the provider what needs doing (at least 5 characters)').max(2000),
    specialRequirements: z.string().trim().max(1000).default(''),
    address: addressSchema,
    contactPhone: contactPhoneSchema,
    /** Photos of the problem, uploaded beforehand (POST /uploads/requests); linked to the booking when it is made. */
    photoIds: z.array(idSchema).max(maxRequestPhotos, `Attach at most ${maxRequestPhotos} photos`).optional(),
  })
  .transform((request, ctx) => {
    const contactPhone = toE164(request.contactPhone, request.address.country);
    if (!contactPhone) {
      ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: CONTACT_PHONE_MESSAGE });
      return z.NEVER;
    }
    return { ...request, contactPhone };
  });

export type BookingRequest = z.infer<typeof bookingRequestSchema>;
