import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

/**
 * What the automatic check on a submitted review found. A review with any flag is held for an
 * operator (/admin/reviews) instead of being published; the author is told it is being checked.
 * Profanity comes from obscenity's maintained English word list (with its l33t-speak and spacing
 * transformers); the rest are patterns for what must not reach a public page.
 */
export type ModerationFlag = 'profanity' | 'contact' | 'link' | 'personal_data';

export const moderationFlagLabels: Record<ModerationFlag, string> = {
  profanity: 'Profanity',
  contact: 'Contact details (phone or email)',
  link: 'A link',
  personal_data: 'Personal data (card, bank or ID number, street address)',
};

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

const email = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\p{L}]{2,})+/iu;
// Seven or more digits, allowing the spaces, dots, dashes and brackets people write phone numbers with.
const phone = /(?:\+|\b)\d(?:[\s().-]*\d){6,}/;
const link = /\b(?:https?:\/\/|www\.)\S+|\b[\p{L}\p{N}-]+\.(?:com|net|org|io|co|uk|us|au|info|biz|me|app|dev|ly)\b(?:\/\S*)?/iu;
// Card numbers (13–19 digits), IBANs, US social security numbers, and a house number with a street word.
const card = /\b(?:\d[ -]?){13,19}\b/;
const iban = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}\b/;
const ssn = /\b\d{3}-\d{2}-\d{4}\b/;
const street =
  /\b\d{1,5}\s+(?:[\p{L}'-]+\s+){1,3}(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|way|terrace|crescent|close)\b\.?/iu;

/** 7 to 15 digits written as a phone number (longer runs are card or account numbers). */
function looksLikePhone(text: string): boolean {
  const found = new RegExp(phone.source, 'g');
  for (const m of text.matchAll(found)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits <= 15) return true;
  }
  return false;
}

/** The flags a text raises; empty when it may be published as it is. */
export function moderationFlags(text: string): ModerationFlag[] {
  const flags: ModerationFlag[] = [];
  if (!text.trim()) return flags;
  if (matcher.hasMatch(text)) flags.push('profanity');
  if (email.test(text) || looksLikePhone(text)) flags.push('contact');
  if (link.test(text)) flags.push('link');
  if (card.test(text) || iban.test(text) || ssn.test(text) || street.test(text)) flags.push('personal_data');
  return flags;
}
