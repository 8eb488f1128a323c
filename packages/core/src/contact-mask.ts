import { findPhoneNumbersInText } from 'libphonenumber-js/max';

/** What a masked phone number or email address is replaced with. */
export const MASKED_CONTACT = '[contact details hidden until the booking is confirmed]';

// An address as people write it, "name@example.com" or "name (at) example (dot) com".
const email = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\p{L}]{2,})+/giu;
// Seven to fifteen digits with the spaces, dots, dashes and brackets phone numbers are written with.
const digitRun = /(?:\+|\b)\d(?:[\s().-]*\d){6,}/g;

export interface MaskResult {
  text: string;
  /** How many phone numbers and email addresses were hidden. */
  masked: number;
}

/**
 * Hides phone numbers and email addresses in a message written before a booking is confirmed, so
 * the two sides arrange the job here until it is. Numbers are found by libphonenumber (in the
 * country given, and international ones anywhere) and by any run of 7–15 digits; longer runs
 * (card or account numbers) are left to the moderation checks.
 */
export function maskContactDetails(input: string, country?: string): MaskResult {
  let masked = 0;
  const spans: [number, number][] = [];
  try {
    for (const found of findPhoneNumbersInText(input, country ? { defaultCountry: country.toUpperCase() as never } : {}))
      spans.push([found.startsAt, found.endsAt]);
  } catch {
    // libphonenumber refuses some inputs outright; the digit runs below still catch numbers.
  }
  for (const m of input.matchAll(digitRun)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits <= 15) spans.push([m.index, m.index + m[0].length]);
  }
  for (const m of input.matchAll(email)) spans.push([m.index, m.index + m[0].length]);
  if (spans.length === 0) return { text: input, masked: 0 };
  // Merge overlapping spans, then replace from the end so earlier offsets stay valid.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  let text = input;
  for (const [from, to] of merged.reverse()) {
    text = `${text.slice(0, from)}${MASKED_CONTACT}${text.slice(to)}`;
    masked += 1;
  }
  return { text, masked };
}
