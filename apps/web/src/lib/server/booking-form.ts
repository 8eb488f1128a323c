import { z } from 'zod';
import { bookingRequestSchema } from '@handled/core/schemas';
import { siteForm, type FormValues } from './form.ts';

const typed = z.string();
const optional = (s: string) => (s.trim() === '' ? undefined : s);

/**
 * The booking form: flat fields as typed (hidden: providerId, categoryId, startsAt, hours) into the
 * API's input, checked by the core's own booking request schema. Blank optional fields are left out;
 * an error about the whole address sits beside its first line.
 */
export const bookingForm = siteForm(
  z
    .object({
      providerId: typed,
      categoryId: typed,
      startsAt: typed,
      hours: typed,
      details: typed,
      specialRequirements: typed,
      line1: typed,
      line2: typed,
      city: typed,
      region: typed,
      postalCode: typed,
      country: typed,
      contactPhone: typed,
    })
    // Unknown until the core's schema has checked it (hours may still be missing).
    .transform((v): unknown => ({
      providerId: v.providerId,
      categoryId: v.categoryId,
      startsAt: v.startsAt,
      hours: v.hours.trim() === '' ? undefined : Number(v.hours),
      details: v.details,
      specialRequirements: v.specialRequirements,
      address: {
        line1: v.line1,
        line2: optional(v.line2),
        city: v.city,
        region: optional(v.region),
        postalCode: v.postalCode,
        country: v.country,
      },
      contactPhone: v.contactPhone,
    }))
    .pipe(bookingRequestSchema),
  { aliases: { address: 'line1' }, message: 'Please check the highlighted fields.' },
);

export const bookingFields = bookingForm.fields;
export type BookingField = (typeof bookingFields)[number];
export type BookingFormValues = FormValues<BookingField>;
