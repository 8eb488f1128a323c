import { z } from 'zod';
import { addressSchema } from './address.ts';

export const hoursSchema = z
  .number({ error: 'Enter the estimated hours' })
  .min(0.5, 'At least half an hour')
  .max(12, 'At most 12 hours in one booking')
  .refine((h) => Number.isInteger(h * 4), 'Use quarter hours (e.g. 1.5 or 2.25)');

export const idSchema = z.string().trim().min(1).max(100);

export const bookingRequestSchema = z.object({
  providerId: idSchema,
  categoryId: idSchema,
  startsAt: z.iso.datetime({ offset: true, error: 'Pick a start time' }),
  hours: hoursSchema,
  details: z.string().trim().min(5, 'Tell the provider what needs doing (at least 5 characters)').max(2000),
  specialRequirements: z.string().trim().max(1000).default(''),
  address: addressSchema,
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'Enter a phone number the provider can call'),
});

export type BookingRequest = z.infer<typeof bookingRequestSchema>;
