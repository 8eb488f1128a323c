import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Cookies } from '@sveltejs/kit';
import { bookingFields, type BookingFormValues } from '../../../../lib/server/booking-form.ts';

/**
 * What a signed-out visitor typed into the booking form, kept while they sign in (works without
 * JavaScript): a short-lived, httpOnly cookie scoped to this provider's booking page, compressed
 * to stay under the 4 KB a cookie may hold. It stays until the request is sent (or an hour passes):
 * the page may load its data again right after sign-in (e.g. to show times in the browser's zone),
 * and what was typed must still be there then.
 */
const NAME = 'handled_booking_draft';
const MAX_AGE_S = 60 * 60;
const MAX_BYTES = 3800;

export function encodeDraft(values: BookingFormValues): string | null {
  const raw = Object.fromEntries(bookingFields.map((f) => [f, values[f]]));
  const packed = deflateRawSync(Buffer.from(JSON.stringify(raw))).toString('base64url');
  return packed.length <= MAX_BYTES ? packed : null;
}

export function decodeDraft(packed: string | undefined): BookingFormValues | null {
  if (!packed) return null;
  try {
    const raw = JSON.parse(inflateRawSync(Buffer.from(packed, 'base64url'), { maxOutputLength: 64 * 1024 }).toString('utf8')) as Record<
      string,
      unknown
    >;
    const out = {} as BookingFormValues;
    for (const f of bookingFields) out[f] = typeof raw[f] === 'string' ? raw[f].slice(0, 4000) : '';
    return out;
  } catch {
    return null;
  }
}

export function keepDraft(cookies: Cookies, path: string, values: BookingFormValues, secure: boolean): boolean {
  const packed = encodeDraft(values);
  if (!packed) return false;
  cookies.set(NAME, packed, { path, httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE_S });
  return true;
}

export function readDraft(cookies: Cookies): BookingFormValues | null {
  return decodeDraft(cookies.get(NAME));
}

export function dropDraft(cookies: Cookies, path: string) {
  if (cookies.get(NAME) !== undefined) cookies.delete(NAME, { path });
}
