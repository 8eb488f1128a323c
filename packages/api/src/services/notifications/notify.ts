import { TelegramRefused } from '@handled/integrations/telegram';
import { escapeHtml } from '@handled/core/html';
import { photoCountsOf, photosOf } from '../../repositories/attachments.ts';
import { cancellationFeeSplit } from '@handled/core/payments';
import { bookingEventById, bookingWithParties } from '../../repositories/bookings.ts';
import { tipOfBooking } from '../../repositories/tips.ts';
import { findCategory } from '../../repositories/providers.ts';
import { insertNotification, notificationExists } from '../../repositories/notifications.ts';
import { telegramLinkOf, unlinkTelegram } from '../../repositories/telegram-links.ts';
import type { ServiceDeps } from '../deps.ts';
import { alternativeProviders } from '../bookings/suggestions.ts';
import { deskAppLink, deskLinkLines, deskOpenLink } from './desk-links.ts';
import { render, type Message, type MessageContext, type Recipient } from './templates.ts';
import { isErasedEmail } from '../accounts/erased.ts';

type BookingFound = NonNullable<Awaited<ReturnType<typeof bookingWithParties>>>;

/** Messages that say what a cancellation or no-show did with the money. */
const settlementTemplates = new Set(['booking.cancelled', 'booking.client_no_show', 'booking.provider_no_show']);

/** The job as the provider recorded it, for the completion message; its thumbnails for the email (inline, by content id). */
async function workOf(deps: ServiceDeps, booking: BookingFound['booking']) {
  const [category, photos] = await Promise.all([
    findCategory(deps.db, booking.categoryId),
    photosOf(deps.db, booking.id, ['before', 'after']),
  ]);
  const ticks = new Map((booking.checklist ?? []).map((c) => [c.item, c.done]));
  const thumbs = await Promise.all(
    photos.slice(0, 8).map(async (p, i) => {
      const file = p.thumbKey ? await deps.storage.get(p.thumbKey) : null;
      return file
        ? {
            kind: p.kind,
            filename: `${p.kind}-${i + 1}.webp`,
            content: Buffer.from(file.body),
            contentType: 'image/webp',
            contentId: `photo-${i + 1}`,
          }
        : null;
    }),
  );
  return {
    work: {
      checklist: (category?.checklist ?? []).map((item) => ({ item, done: ticks.get(item) ?? false })),
      notes: booking.completionNotes ?? '',
      photos: { before: photos.filter((p) => p.kind === 'before').length, after: photos.filter((p) => p.kind === 'after').length },
    },
    images: thumbs.filter((t) => t !== null),
  };
}

type InlineImage = Awaited<ReturnType<typeof workOf>>['images'][number];

/** The email's HTML: the message, its sections (the work done) with the photos shown inline, and the link. */
function emailHtml(msg: Message, reference: string, images: InlineImage[], appLink: string | null): string {
  const sections = (msg.sections ?? [])
    .map(
      (s) =>
        `<h3 style="margin:16px 0 4px;font-size:14px">${escapeHtml(s.heading)}</h3>${s.lines.map((l) => `<p style="margin:2px 0;white-space:pre-line">${escapeHtml(l)}</p>`).join('')}`,
    )
    .join('');
  const gallery = images.length
    ? `<p>${images.map((i) => `<img src="cid:${i.contentId}" alt="${i.kind === 'before' ? 'Before' : 'After'} photo" width="120" style="border-radius:6px;margin:0 6px 6px 0">`).join('')}</p>`
    : '';
  // A link into the desk opens the desk app, with the browser address beside it for where it is not installed.
  const link = appLink
    ? deskLinkLines(appLink, msg.link).html
    : `<p><a href="${escapeHtml(msg.link)}">${escapeHtml(msg.linkLabel)}</a></p>`;
  return `<p>${escapeHtml(msg.body)}</p>${sections}${gallery}${link}<p style="color:#666">Booking ${escapeHtml(reference)}</p>`;
}

function emailText(msg: Message, reference: string, appLink: string | null): string {
  const sections = (msg.sections ?? []).map((s) => `${s.heading}\n${s.lines.join('\n')}`).join('\n\n');
  const link = appLink ? deskLinkLines(appLink, msg.link).text : `${msg.linkLabel}: ${msg.link}`;
  return `${msg.body}${sections ? `\n\n${sections}` : ''}\n\n${link}\n\nBooking ${reference}`;
}

/**
 * Job `notify`: tells one or both parties about a booking event, in the app, by email and on
 * Telegram when linked. Each channel's send is keyed so a retried job does not send twice.
 */
export async function notifyBooking(
  deps: ServiceDeps,
  payload: { bookingId: string; to: 'client' | 'provider' | 'both'; template: string; eventId?: string },
) {
  const { db } = deps;
  const found = await bookingWithParties(db, payload.bookingId);
  if (!found) return;
  const { booking, category, latestInvoice: invoice } = found;
  const client: Recipient = {
    userId: found.client.id,
    name: found.client.name,
    email: found.client.email,
    timeZone: found.client.timeZone,
    role: 'client',
  };
  const prov: Recipient = {
    userId: found.provider.id,
    name: found.provider.displayName,
    email: found.provider.email,
    timeZone: found.provider.timeZone,
    role: 'provider',
  };
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
      payload.template === 'booking.expired' || payload.template === 'booking.declined'
        ? await alternativeProviders(db, booking, deps.now())
        : [],
  };
  if (payload.template === 'booking.requested') ctx.requestPhotos = (await photoCountsOf(db, booking.id)).problem ?? 0;
  if (settlementTemplates.has(payload.template)) {
    // The money as the transition settled it: the fee kept, the refund (recorded on the event), the provider's share.
    const event = payload.eventId ? await bookingEventById(db, payload.eventId) : undefined;
    const fee = booking.cancellationFee ?? 0;
    const refund = typeof event?.data?.['refund'] === 'number' ? event.data['refund'] : 0;
    ctx.settlement = {
      fee,
      refund,
      providerShare: cancellationFeeSplit(booking.price, fee).providerEarnings,
      commissionBps: booking.price.fees.providerCommissionBps,
    };
  }
  if (payload.template === 'booking.tipped') {
    const tip = await tipOfBooking(db, booking.id);
    ctx.tip = { amount: tip?.amount ?? 0 };
  }
  const done = payload.template === 'booking.completed' && payload.to !== 'provider' ? await workOf(deps, booking) : null;
  if (done) ctx.work = done.work;
  const recipients = payload.to === 'both' ? [client, prov] : payload.to === 'client' ? [client] : [prov];
  const key = `${booking.id}:${payload.template}:${payload.eventId ?? booking.version}`;
  for (const r of recipients) {
    // Someone who deleted their account hears nothing more.
    if (isErasedEmail(r.email)) continue;
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
    const images = msg.sections && done && r.role === 'client' ? done.images : [];
    const appLink = r.role === 'provider' ? deskAppLink(msg.link, deps.config.deskUrl) : null;
    await deps.email.send({
      to: r.email,
      subject: msg.title,
      text: emailText(msg, booking.reference, appLink),
      html: emailHtml(msg, booking.reference, images, appLink),
      idempotencyKey: `${key}:${r.userId}:email`,
      ...(images.length
        ? { attachments: images.map(({ filename, content, contentType, contentId }) => ({ filename, content, contentType, contentId })) }
        : {}),
    });
    if (deps.telegram) {
      const link = await telegramLinkOf(db, r.userId);
      if (link) {
        if (!(await notificationExists(db, r.userId, key, 'telegram'))) {
          const row = {
            userId: r.userId,
            bookingId: booking.id,
            channel: 'telegram' as const,
            template: key,
            title: msg.title,
            body: msg.body,
          };
          try {
            const res = await deps.telegram.send(
              link.chatId,
              `<b>${escapeHtml(msg.title)}</b>\n${escapeHtml(msg.body)}\n<i>${escapeHtml(booking.reference)}</i>`,
              appLink
                ? [...(msg.buttons ?? []), [{ text: '🖥 Open in Handled Desk', url: deskOpenLink(appLink, deps.config.apiUrl, msg.link) }]]
                : msg.buttons,
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
