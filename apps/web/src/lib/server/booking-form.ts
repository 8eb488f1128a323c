import { bookingRequestSchema, type BookingRequest } from '@handled/core/schemas/booking-request';
import type { z } from 'zod';

/** The booking form's fields, by input name. Hidden: providerId, categoryId, startsAt, hours. */
export const bookingFields = [
  'providerId',
  'categoryId',
  'startsAt',
  'hours',
  'details',
  'specialRequirements',
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'country',
  'contactPhone',
] as const;
export type BookingField = (typeof bookingFields)[number];
export type BookingFormValues = Record<BookingField, string>;
export type BookingFormErrors = Partial<Record<BookingField, string>>;

export function readBookingForm(form: FormData): BookingFormValues {
  const values = {} as BookingFormValues;
  for (const f of bookingFields) {
    const v = form.get(f);
    values[f] = typeof v === 'string' ? v : '';
  }
  return values;
}

/** The API's input shape, from what was typed (blank optional fields left out). */
export function toBookingInput(v: BookingFormValues): unknown {
  const opt = (s: string) => (s.trim() === '' ? undefined : s);
  return {
    providerId: v.providerId,
    categoryId: v.categoryId,
    startsAt: v.startsAt,
    hours: v.hours.trim() === '' ? undefined : Number(v.hours),
    details: v.details,
    specialRequirements: v.specialRequirements,
    address: {
      line1: v.line1,
      line2: opt(v.line2),
      city: v.city,
      region: opt(v.region),
      postalCode: v.postalCode,
      country: v.country,
    },
    contactPhone: v.contactPhone,
  };
}

/** zod issue paths ("address.postalCode") to form field names ("postalCode"), first message wins. */
export function errorsByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): BookingFormErrors {
  const out: BookingFormErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] === 'address' ? (issue.path[1] ?? 'line1') : (issue.path[0] ?? ''));
    if ((bookingFields as readonly string[]).includes(key) && !out[key as BookingField]) out[key as BookingField] = issue.message;
  }
  return out;
}

/** The API's flattened field errors ({ address: ['…'] }) fall back to the address's first line. */
export function errorsFromApi(fieldErrors: Record<string, string[]>): BookingFormErrors {
  const out: BookingFormErrors = {};
  for (const [k, msgs] of Object.entries(fieldErrors)) {
    const key = (k === 'address' ? 'line1' : k) as BookingField;
    if ((bookingFields as readonly string[]).includes(key) && msgs[0]) out[key] = msgs[0];
  }
  return out;
}

export type ParsedBooking = { ok: true; input: BookingRequest } | { ok: false; errors: BookingFormErrors };

export function parseBookingForm(values: BookingFormValues): ParsedBooking {
  const parsed = bookingRequestSchema.safeParse(toBookingInput(values));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: errorsByField((parsed.error as z.ZodError).issues) };
}
