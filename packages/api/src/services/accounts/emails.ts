import { escapeHtml } from '@handled/core/html';
import type { EmailMessage } from '@handled/integrations/email';
import { translator } from '../notifications/i18n/index.ts';

/**
 * The account emails (verification, password reset, a new address, a listing decision) from one
 * plain layout: a greeting, a few paragraphs, one button with the link written out under it.
 */
export interface AccountEmail {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** A line in small type under everything (why they got it). */
  footnote?: string;
  idempotencyKey?: string;
}

/** `language`: the reader's (`user.language`), for the layout's own words; English when not given. */
export function renderAccountEmail(e: AccountEmail, language?: unknown): EmailMessage {
  const { t } = translator(language);
  const button = e.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(e.action.url)}" style="background:#0f766e;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(e.action.label)}</a></p><p style="color:#555;font-size:13px">${escapeHtml(t('account.openLink'))} <a href="${escapeHtml(e.action.url)}">${escapeHtml(e.action.url)}</a></p>`
    : '';
  const html = `<div style="font:15px/1.5 system-ui,sans-serif;max-width:560px"><p>${escapeHtml(e.greeting)}</p>${e.paragraphs
    .map((p) => `<p style="white-space:pre-line">${escapeHtml(p)}</p>`)
    .join('')}${button}${e.footnote ? `<p style="color:#777;font-size:12px;margin-top:24px">${escapeHtml(e.footnote)}</p>` : ''}</div>`;
  const text = [
    e.greeting,
    ...e.paragraphs,
    ...(e.action ? [`${e.action.label}: ${e.action.url}`] : []),
    ...(e.footnote ? [e.footnote] : []),
  ].join('\n\n');
  return { to: e.to, subject: e.subject, html, text, ...(e.idempotencyKey ? { idempotencyKey: e.idempotencyKey } : {}) };
}

/** The person's first name, or none. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/** Whom an account email goes to; `language` is theirs (`user.language`), English when absent. */
interface AccountPerson {
  name: string;
  email: string;
  language?: unknown;
}

/** "Hi Maya," (or "Hi there,") in the person's language. */
function greetingOf(to: AccountPerson): string {
  const { t } = translator(to.language);
  const name = firstName(to.name);
  return name ? t('email.greeting', { name }) : t('account.greetingNoName');
}

export function verificationEmail(to: AccountPerson, url: string, changing: boolean): EmailMessage {
  const { t } = translator(to.language);
  return renderAccountEmail(
    {
      to: to.email,
      subject: t(changing ? 'account.verifyChange.subject' : 'account.verify.subject'),
      greeting: greetingOf(to),
      paragraphs: [changing ? t('account.verifyChange.body', { email: to.email }) : t('account.verify.body')],
      action: { label: t(changing ? 'account.verifyChange.action' : 'account.verify.action'), url },
      footnote: t('account.verify.footnote'),
    },
    to.language,
  );
}

export function resetPasswordEmail(to: AccountPerson, url: string): EmailMessage {
  const { t } = translator(to.language);
  return renderAccountEmail(
    {
      to: to.email,
      subject: t('account.reset.subject'),
      greeting: greetingOf(to),
      paragraphs: [t('account.reset.body')],
      action: { label: t('account.reset.action'), url },
      footnote: t('account.reset.footnote'),
    },
    to.language,
  );
}

export function passwordChangedEmail(to: AccountPerson): EmailMessage {
  const { t } = translator(to.language);
  return renderAccountEmail(
    {
      to: to.email,
      subject: t('account.passwordChanged.subject'),
      greeting: greetingOf(to),
      paragraphs: [t('account.passwordChanged.body'), t('account.passwordChanged.ifNotYou')],
    },
    to.language,
  );
}
