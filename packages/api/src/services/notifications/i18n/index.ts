/**
 * Notification texts in the reader's language: one ICU MessageFormat catalogue per language
 * (./en.ts, ./es.ts), formatted with intl-messageformat; a key a catalogue lacks reads in English.
 * Money, dates and times go through the shared helpers of @handled/core (formatMoney, formatWhen,
 * formatSpan, describeZone) with the language's locale, in the reader's zone.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { escapeHtml } from '@handled/core/html';
import { formatMoney, type Currency } from '@handled/core/money';
import { isNotificationLanguage, notificationLocales, type NotificationLanguage } from '@handled/core/notification-choices';
import { describeZone, formatSpan, formatWhen, type Instant } from '@handled/core/time-in-zone';
import { en, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type { MessageKey } from './en.ts';
export type Language = NotificationLanguage;
export type Catalogue = Partial<Record<MessageKey, string>>;

const catalogues: Record<Language, Catalogue> = { en, es };

/** A stored language as one the notifications are written in: English for anything else. */
export function languageOf(value: unknown): Language {
  return isNotificationLanguage(value) ? value : 'en';
}

type Values = Record<string, string | number>;

export interface Translator {
  language: Language;
  /** The `Intl` locale of the language ("en-US", "es"). */
  locale: string;
  t: (key: MessageKey, values?: Values) => string;
  /** "$1,234.50" / "1234,50 US$" */
  money: (amount: number, currency: Currency) => string;
  /** "Thu, Jun 11, 10:00 AM EDT" / "jue, 11 jun, 10:00 GMT-4", in `zone`. */
  when: (at: Instant, zone: string) => string;
  /** "Thu, Jun 11, 10:00 AM – 12:00 PM EDT" */
  span: (start: Instant, end: Instant, zone: string) => string;
  /** The zone named: "New York time (EDT, UTC-04:00)" / "hora de New York (GMT-4, UTC-04:00)". */
  zone: (zone: string, at: Instant) => string;
  /** "2 h", "1.5 h" / "1,5 h" */
  hours: (quarterHours: number) => string;
}

/** Compiled once per locale and message. */
const compiled = new Map<string, IntlMessageFormat>();

/** A translator over `catalogue`, falling back to the English catalogue for a key it lacks. */
export function createTranslator(language: Language, catalogue: Catalogue): Translator {
  const locale = notificationLocales[language];
  const t = (key: MessageKey, values: Values = {}): string => {
    const own = catalogue[key];
    const source = own ?? en[key];
    const messageLocale = own === undefined ? notificationLocales.en : locale;
    const cacheKey = `${messageLocale}|${source}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(source, messageLocale);
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  };
  return {
    language,
    locale,
    t,
    money: (amount, currency) => formatMoney({ amount, currency }, locale),
    when: (at, zone) => formatWhen(at, zone, locale),
    span: (start, end, zone) => formatSpan(start, end, zone, locale),
    zone: (zone, at) => {
      const z = describeZone(zone, at instanceof Date ? at : new Date(at), locale);
      return z.abbreviation === z.offset
        ? t('common.zoneLabelOffset', { city: z.city, offset: z.offset })
        : t('common.zoneLabel', { city: z.city, abbr: z.abbreviation, offset: z.offset });
    },
    hours: (quarterHours) => t('common.hours', { hours: quarterHours / 4 }),
  };
}

const translators = new Map<Language, Translator>();

/** The translator of a language (English for an unknown one). */
export function translator(language: unknown = 'en'): Translator {
  const lang = languageOf(language);
  let tr = translators.get(lang);
  if (!tr) {
    tr = createTranslator(lang, catalogues[lang]);
    translators.set(lang, tr);
  }
  return tr;
}

/**
 * A message as HTML: its words and `values` escaped, `markup` (already HTML: a link, bold text) put
 * in its placeholders as it is. For the emails written outside the layout (the receipt).
 */
export function tHtml(tr: Translator, key: MessageKey, values: Values, markup: Record<string, string>): string {
  const names = Object.keys(markup);
  const token = (i: number) => `\u0000${i}\u0000`;
  let out = escapeHtml(tr.t(key, { ...values, ...Object.fromEntries(names.map((n, i) => [n, token(i)])) }));
  names.forEach((n, i) => {
    out = out.replace(token(i), markup[n] ?? '');
  });
  return out;
}
