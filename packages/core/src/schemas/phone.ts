import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';

/**
 * A phone number in E.164 (`+12125550100`), or null when it is not a valid number. Without a
 * country the number must be written with its country code; with one, a national number is read
 * as that country's (`(212) 555-0100` in the US).
 */
export function toE164(input: string, defaultCountry?: string): string | null {
  const text = input.trim();
  if (!text || text.length > 40) return null;
  // Parsing with full metadata costs more than the rest of a request's input check; the same
  // number comes back on every request of a person, so answers are kept (a bounded memo).
  const key = `${defaultCountry ?? ''}|${text}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  if (parsed.size >= MAX_PARSED) parsed.clear();
  const e164 = parse(text, defaultCountry);
  parsed.set(key, e164);
  return e164;
}

const MAX_PARSED = 5000;
const parsed = new Map<string, string | null>();

function parse(text: string, defaultCountry: string | undefined): string | null {
  try {
    const phone = parsePhoneNumberWithError(text, defaultCountry ? { defaultCountry: defaultCountry.toUpperCase() as CountryCode } : {});
    return phone.isValid() ? phone.number : null;
  } catch {
    return null;
  }
}

export const PHONE_MESSAGE = 'Enter a phone number with its country code, e.g. +1 212 555 0100.';

/** A person's phone with its country code, stored as E.164. */
export const phoneSchema = z.string().transform((value, ctx) => {
  const e164 = toE164(value);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
    return z.NEVER;
  }
  return e164;
});
