import { escapeHtml } from '@handled/core/html';
import type { EmailMessage } from '@handled/integrations/email';

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

export function renderAccountEmail(e: AccountEmail): EmailMessage {
  const button = e.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(e.action.url)}" style="background:#0f766e;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(e.action.label)}</a></p><p style="color:#555;font-size:13px">Or open this link: <a href="${escapeHtml(e.action.url)}">${escapeHtml(e.action.url)}</a></p>`
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

const firstName = (name: string) => name.trim().split(/\s+/)[0] || 'there';

export function verificationEmail(to: { name: string; email: string }, url: string, changing: boolean): EmailMessage {
  return renderAccountEmail({
    to: to.email,
    subject: changing ? 'Confirm your new email for Handled' : 'Confirm your email for Handled',
    greeting: `Hi ${firstName(to.name)},`,
    paragraphs: changing
      ? [`You asked to use ${to.email} for your Handled account. Confirm it and we will send everything here from now on.`]
      : ['Welcome to Handled. Confirm your email so booking updates, invoices and receipts reach you.'],
    action: { label: changing ? 'Use this email' : 'Confirm my email', url },
    footnote: 'The link works for one hour. If you did not ask for this, ignore this email: nothing changes.',
  });
}

export function resetPasswordEmail(to: { name: string; email: string }, url: string): EmailMessage {
  return renderAccountEmail({
    to: to.email,
    subject: 'Reset your Handled password',
    greeting: `Hi ${firstName(to.name)},`,
    paragraphs: ['Someone asked to reset the password of your Handled account. Choose a new one with the button below.'],
    action: { label: 'Choose a new password', url },
    footnote: 'The link works once, for one hour. If it was not you, ignore this email: your password stays as it is.',
  });
}

export function passwordChangedEmail(to: { name: string; email: string }): EmailMessage {
  return renderAccountEmail({
    to: to.email,
    subject: 'Your Handled password was changed',
    greeting: `Hi ${firstName(to.name)},`,
    paragraphs: [
      'The password of your Handled account was just changed, and every other device was signed out.',
      'If this was not you, reset your password from the sign-in page now and tell us by replying to this email.',
    ],
  });
}
