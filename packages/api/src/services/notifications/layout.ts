import { Eta } from 'eta/core';
import { escapeHtml } from '@handled/core/html';
import { translator, type Language } from './i18n/index.ts';
import { htmlLayout, textLayout } from './layout-templates.ts';

/** One email's content; every notification email is drawn from this one layout, with a plain-text twin. */
export interface EmailContent {
  /** "Hi Maya," */
  greeting: string;
  /** What happened, in a sentence or two. */
  lead: string;
  /** Labelled facts: When (with the zone named), Where, Who and how to reach them, … */
  details?: { label: string; value: string }[];
  /** The price breakdown: lines and a total. */
  price?: { lines: { label: string; amount: string }[]; total: { label: string; amount: string } };
  /** Longer parts (cancellation terms, the work done). */
  sections?: { heading: string; lines: string[] }[];
  button?: { label: string; url: string };
  /** Links under the button (add to Google Calendar, Outlook). */
  links?: { label: string; url: string }[];
  /** Raw HTML blocks placed after the sections (inline photos, desk links); their text goes in `extraText`. */
  extraHtml?: string;
  extraText?: string;
  footer: string;
  unsubscribeUrl?: string;
}

const BRAND = 'Handled';

// Compiled once, when the module loads. HTML escapes every value with core's escapeHtml; the text twin writes them as they are.
const htmlEta = new Eta({ autoEscape: true, escapeFunction: escapeHtml, autoTrim: false, useWith: false });
const textEta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const html = htmlEta.compile(htmlLayout);
const text = textEta.compile(textLayout);

/** The email in the layout (Eta templates, layout-templates.ts), its fixed words in `language`. */
export function renderEmail(c: EmailContent, language: Language = 'en'): { html: string; text: string } {
  const { t } = translator(language);
  const data = {
    ...c,
    brand: BRAND,
    lang: language,
    words: { unsubscribeLink: t('email.unsubscribeLink'), unsubscribe: t('email.unsubscribe') },
  };
  return { html: htmlEta.render(html, data), text: textEta.render(text, data).replace(/\n$/, '') };
}
