import { escapeHtml } from '@handled/core/html';
import { deskAppLink, deskLinkLines } from '../notifications/desk-links.ts';
import { languageOf, translator, type Language } from '../notifications/i18n/index.ts';
import { languagesOf } from '../../repositories/notification-delivery.ts';
import type { JobSpec } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Message } from '../notifications/templates.ts';
import { bookingWithParties } from '../../repositories/bookings.ts';
import { DIGEST_TEMPLATE, undigestedUnread, type MessageRow } from '../../repositories/messages.ts';
import { insertNotification, notificationExists, wantsEmail } from '../../repositories/notifications.ts';

/** How long a new message waits before its email: a reply read in the app in time sends none. */
export const DIGEST_DELAY_MS = 3 * 60_000;
/**
 * The job for the other side's digest. It is keyed by the oldest message they have not read and
 * no digest has covered yet: every message of a burst finds the same one, so a burst schedules
 * one job; once they read it, or a digest covers it, the next message starts a new burst.
 */
export function digestJob(bookingId: string, recipientId: string, burstStartId: string, now: Date): JobSpec {
  return {
    type: DIGEST_TEMPLATE,
    payload: { bookingId, recipientId },
    key: `${DIGEST_TEMPLATE}:${bookingId}:${recipientId}:${burstStartId}`,
    runAt: new Date(now.getTime() + DIGEST_DELAY_MS),
  };
}

const first = (name: string) => name.split(' ')[0] ?? name;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "Sam sent you 3 messages about Plumbing, Thu, Nov 26, 10:00 AM EST" and the newest few, quoted (in the reader's language). */
export function renderDigest(
  pending: MessageRow[],
  to: { role: 'client' | 'provider'; timeZone: string; language?: Language },
  c: { senderName: string; categoryName: string; startsAt: Date; reference: string; link: string },
): Message {
  const { t, when } = translator(to.language);
  const who = to.role === 'client' ? first(c.senderName) : c.senderName;
  const n = pending.length;
  const shown = pending.slice(-5);
  const quotes = shown.map((m) => (m.body ? `“${clip(m.body, 300)}”` : m.attachmentId ? t('digest.photo') : '“”')).join('\n');
  return {
    title: t('digest.title', { who, n }),
    body: `${t('digest.about', { category: c.categoryName, when: when(c.startsAt, to.timeZone) })}\n${n > shown.length ? `${t('digest.earlier', { n: n - shown.length })}\n` : ''}${quotes}`,
    link: c.link,
    linkLabel: t('digest.link'),
  };
}

/**
 * Job `message.digest`: if the recipient still has unread messages in this booking that no earlier
 * digest covered, one in-app notification and (unless they turned email off) one email for all of
 * them. Keyed by the newest message covered, so a retry sends nothing twice.
 */
export async function sendMessageDigest(deps: ServiceDeps, payload: { bookingId: string; recipientId: string }): Promise<void> {
  const { db } = deps;
  const c = await bookingWithParties(db, payload.bookingId);
  if (!c) return;
  const b = c.booking;
  const role = b.clientId === payload.recipientId ? 'client' : b.providerId === payload.recipientId ? 'provider' : null;
  if (!role) return;
  const pending = await undigestedUnread(db, b.id, payload.recipientId);
  const newest = pending.at(-1);
  if (!newest) return;
  const link = role === 'client' ? `${deps.config.webUrl}/messages/${b.id}` : `${deps.config.deskUrl}/#/messages/${b.id}`;
  const language = languageOf((await languagesOf(db, [payload.recipientId])).get(payload.recipientId));
  const tr = translator(language);
  const msg = renderDigest(
    pending,
    { role, timeZone: role === 'client' ? c.client.timeZone : c.provider.timeZone, language },
    {
      senderName: role === 'client' ? c.provider.displayName : c.client.name,
      categoryName: c.category.name,
      startsAt: b.startsAt,
      reference: b.reference,
      link,
    },
  );
  const template = `${DIGEST_TEMPLATE}:${newest.id}`;
  // The provider's email opens the conversation in the desk app, the browser address beside it.
  const appLink = role === 'provider' ? deskAppLink(link, deps.config.deskUrl) : null;
  const email = role === 'client' ? c.client.email : c.provider.email;
  const base = { userId: payload.recipientId, bookingId: b.id, template, title: msg.title, body: msg.body };

  if (email && !(await notificationExists(db, payload.recipientId, template, 'email'))) {
    if (await wantsEmail(db, payload.recipientId)) {
      const desk = appLink
        ? deskLinkLines(appLink, msg.link, {
            app: tr.t('email.deskApp'),
            browser: tr.t('email.deskBrowser'),
            browserLink: tr.t('email.deskBrowserLink'),
          })
        : null;
      const booking = tr.t('digest.booking', { ref: b.reference });
      await deps.email.send({
        to: email,
        subject: msg.title,
        text: `${msg.body}\n\n${desk ? desk.text : `${msg.linkLabel}: ${msg.link}`}\n\n${booking}`,
        html: `<p>${escapeHtml(msg.body).replaceAll('\n', '<br>')}</p>${desk ? desk.html : `<p><a href="${escapeHtml(msg.link)}">${escapeHtml(msg.linkLabel)}</a></p>`}<p style="color:#666">${escapeHtml(booking)}</p>`,
        idempotencyKey: `${template}:${payload.recipientId}:email`,
      });
      await insertNotification(db, { ...base, channel: 'email', status: 'sent', sentAt: deps.now() });
    } else {
      await insertNotification(db, { ...base, channel: 'email', status: 'skipped' });
    }
  }
  // Written last: it marks these messages as covered, so it only exists once the email went out.
  if (!(await notificationExists(db, payload.recipientId, template, 'in_app')))
    await insertNotification(db, { ...base, channel: 'in_app', status: 'sent', sentAt: deps.now() });
}
