import { TelegramRefused } from '@handled/integrations/telegram';
import { escapeHtml } from '@handled/core/html';
import { bookingWithParties } from '../../repositories/bookings.ts';
import { insertNotification, notificationExists } from '../../repositories/notifications.ts';
import { telegramLinkOf, unlinkTelegram } from '../../repositories/telegram-links.ts';
import type { ServiceDeps } from '../deps.ts';
import { alternativeProviders } from '../bookings/suggestions.ts';
import { render, type MessageContext, type Recipient } from './templates.ts';

/**
 * Job `notify`: tells one or both parties about a booking event, in the app, by email and on
 * Telegram when linked. Each channel's send is keyed so a retried job does not send twice.
 */
export async function notifyBooking(deps: ServiceDeps, payload: { bookingId: string; to: 'client' | 'provider' | 'both'; template: string; eventId?: string }) {
  const { db } = deps;
  const found = await bookingWithParties(db, payload.bookingId);
  if (!found) return;
  const { booking, category, latestInvoice: invoice } = found;
  const client: Recipient = { userId: found.client.id, name: found.client.name, email: found.client.email, timeZone: found.client.timeZone, role: 'client' };
  const prov: Recipient = { userId: found.provider.id, name: found.provider.displayName, email: found.provider.email, timeZone: found.provider.timeZone, role: 'provider' };
  const ctx: MessageContext = {
    booking,
    client,
    provider: prov,
    categoryName: category.name,
    invoice: invoice ? { hostedUrl: invoice.hostedUrl, dueAt: invoice.dueAt, total: invoice.total } : null,
    webUrl: deps.config.webUrl,
    deskUrl: deps.config.deskUrl,
    // An unanswered or declined request comes with other providers free then (or soon).
    suggestions:
      payload.template === 'booking.expired' || payload.template === 'booking.declined' ? await alternativeProviders(db, booking, deps.now()) : [],
  };
  const recipients = payload.to === 'both' ? [client, prov] : payload.to === 'client' ? [client] : [prov];
  const key = `${booking.id}:${payload.template}:${payload.eventId ?? booking.version}`;
  for (const r of recipients) {
    const msg = render(payload.template, r, ctx);
    if (!msg) continue;
    if (!(await notificationExists(db, r.userId, key, 'in_app')))
      await insertNotification(db, {
        userId: r.userId,
        bookingId: booking.id,
        channel: 'in_app',
        template: key,
        title: msg.title,
        body: msg.body,
        status: 'sent',
        sentAt: deps.now(),
      });
    await deps.email.send({
      to: r.email,
      subject: msg.title,
      text: `${msg.body}\n\n${msg.linkLabel}: ${msg.link}\n\nBooking ${booking.reference}`,
      html: `<p>${escapeHtml(msg.body)}</p><p><a href="${escapeHtml(msg.link)}">${escapeHtml(msg.linkLabel)}</a></p><p style="color:#666">Booking ${escapeHtml(booking.reference)}</p>`,
      idempotencyKey: `${key}:${r.userId}:email`,
    });
    if (deps.telegram) {
      const link = await telegramLinkOf(db, r.userId);
      if (link) {
        if (!(await notificationExists(db, r.userId, key, 'telegram'))) {
          const row = { userId: r.userId, bookingId: booking.id, channel: 'telegram' as const, template: key, title: msg.title, body: msg.body };
          try {
            const res = await deps.telegram.send(
              link.chatId,
              `<b>${escapeHtml(msg.title)}</b>\n${escapeHtml(msg.body)}\n<i>${escapeHtml(booking.reference)}</i>`,
              msg.buttons,
            );
            await insertNotification(db, { ...row, status: 'sent', externalId: String(res.messageId), sentAt: deps.now() });
          } catch (e) {
            if (!(e instanceof TelegramRefused)) throw e;
            // Telegram refused for good: record it, and forget a chat that blocked us; the other channels still went out.
            await insertNotification(db, { ...row, status: 'failed' });
            if (e.chatGone) await unlinkTelegram(db, r.userId);
            deps.log.warn({ userId: r.userId, code: e.code }, 'telegram refused a notification');
          }
        }
      }
    }
  }
}
