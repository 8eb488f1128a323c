import { notificationButtons } from '@handled/core/telegram-buttons';
import { escapeHtml } from '@handled/core/html';
import { photoCountsOf, photosOf } from '../../repositories/attachments.ts';
import { cancellationFeeSplit } from '@handled/core/payments';
import { bookingEventById, bookingWithParties } from '../../repositories/bookings.ts';
import { tipOfBooking } from '../../repositories/tips.ts';
import { findCategory } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { alternativeProviders } from '../bookings/suggestions.ts';
import { deskAppLink, deskLinkLines, deskOpenLink } from './desk-links.ts';
import type { NotificationGroup } from '@handled/core/notification-choices';
import { localDate } from '@handled/core/time-in-zone';
import { languagesOf } from '../../repositories/notification-delivery.ts';
import { languageOf, translator, type Translator } from './i18n/index.ts';
import { enqueue } from '../jobs.ts';
import { bookingEmailContent, bookingIcs, calendarLinks, inviteMethod } from './booking-email.ts';
import { deliverToPerson, unsubscribeUrl } from './deliver.ts';
import { renderEmail } from './layout.ts';
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

/** The completion email's photos, shown inline by content id. */
function emailGallery(images: InlineImage[], tr: Translator): string {
  return images.length
    ? `<p>${images.map((i) => `<img src="cid:${i.contentId}" alt="${escapeHtml(tr.t(i.kind === 'before' ? 'email.photoBefore' : 'email.photoAfter'))}" width="120" style="border-radius:6px;margin:0 6px 6px 0">`).join('')}</p>`
    : '';
}

/**
 * Job `notify`: tells one or both parties about a booking event, in the app, by email and on
 * Telegram when linked. Each channel's send is keyed so a retried job does not send twice.
 */
export async function notifyBooking(
  deps: ServiceDeps,
  payload: {
    bookingId: string;
    to: 'client' | 'provider' | 'both';
    template: string;
    eventId?: string;
    afterQuietHours?: boolean;
    /** An operator's resend: a new key, so each channel sends the message again. */
    resendKey?: string;
  },
) {
  const { db } = deps;
  const found = await bookingWithParties(db, payload.bookingId);
  if (!found) return;
  const { booking, category, latestInvoice: invoice } = found;
  const languages = await languagesOf(db, [found.client.id, found.provider.id]);
  const client: Recipient = {
    userId: found.client.id,
    name: found.client.name,
    email: found.client.email,
    timeZone: found.client.timeZone,
    role: 'client',
    language: languageOf(languages.get(found.client.id)),
  };
  const prov: Recipient = {
    userId: found.provider.id,
    name: found.provider.displayName,
    email: found.provider.email,
    timeZone: found.provider.timeZone,
    role: 'provider',
    language: languageOf(languages.get(found.provider.id)),
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
  const key = `${booking.id}:${payload.template}:${payload.eventId ?? booking.version}${payload.resendKey ? `:resend:${payload.resendKey}` : ''}`;
  const now = deps.now();
  for (const r of recipients) {
    // Someone who deleted their account hears nothing more.
    if (isErasedEmail(r.email)) continue;
    const msg = render(payload.template, r, ctx);
    if (!msg) continue;
    const tr = translator(r.language);
    const deskWords = { app: tr.t('email.deskApp'), browser: tr.t('email.deskBrowser'), browserLink: tr.t('email.deskBrowserLink') };
    const images = msg.sections && done && r.role === 'client' ? done.images : [];
    const appLink = r.role === 'provider' ? deskAppLink(msg.link, deps.config.deskUrl) : null;
    const content = bookingEmailContent(ctx, r, msg, payload.template);
    const method = inviteMethod(payload.template);
    const group = groupOfTemplate(payload.template);
    const unsubscribe = unsubscribeUrl(deps, r.userId, group);
    const rendered = renderEmail(
      {
        ...content,
        ...(method ? { links: calendarLinks(ctx, r, msg.link) } : {}),
        ...(images.length || appLink
          ? {
              extraHtml: `${emailGallery(images, tr)}${appLink ? deskLinkLines(appLink, msg.link, deskWords).html : ''}`,
              ...(appLink ? { extraText: deskLinkLines(appLink, msg.link, deskWords).text } : {}),
            }
          : {}),
        ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}),
      },
      tr.language,
    );
    const attachments = [
      ...images.map(({ filename, content: body, contentType, contentId }) => ({ filename, content: body, contentType, contentId })),
      ...(method
        ? [
            {
              filename: method === 'CANCEL' ? 'cancelled.ics' : 'invite.ics',
              content: Buffer.from(bookingIcs(ctx, r, method, msg.link)),
              contentType: `text/calendar; charset=utf-8; method=${method}`,
            },
          ]
        : []),
    ];
    const res = await deliverToPerson(
      deps,
      {
        key,
        userId: r.userId,
        bookingId: booking.id,
        group,
        title: msg.title,
        body: msg.body,
        link: msg.link,
        language: tr.language,
        email: { subject: msg.title, html: rendered.html, text: rendered.text, ...(attachments.length ? { attachments } : {}) },
        sms: smsFor(payload.template, r, ctx, msg, now),
        telegram: {
          html: `<b>${escapeHtml(msg.title)}</b>\n${escapeHtml(msg.body)}\n<i>${escapeHtml(booking.reference)}</i>`,
          // Every notification carries the buttons that act on it (the bot's format, @handled/core/telegram-buttons).
          buttons: [
            ...(msg.buttons ?? notificationButtons(payload.template, r.role, booking.id, r.language)),
            ...(appLink ? [[{ text: `🖥 ${tr.t('email.deskApp')}`, url: deskOpenLink(appLink, deps.config.apiUrl, msg.link) }]] : []),
          ],
        },
      },
      // A message about the booking is never held past its start.
      { afterQuietHours: payload.afterQuietHours === true || booking.startsAt.getTime() <= now.getTime() + 60 * 60_000 },
    );
    if (res.deferredUntil)
      await enqueue(
        db,
        {
          type: 'notify',
          payload: {
            bookingId: booking.id,
            to: r.role,
            template: payload.template,
            afterQuietHours: true,
            ...(payload.eventId !== undefined ? { eventId: payload.eventId } : {}),
          },
          key: `notify:after-quiet:${key}:${r.userId}`,
          runAt: new Date(Math.min(res.deferredUntil.getTime(), booking.startsAt.getTime() - 60 * 60_000)),
        },
        now,
      );
  }
}

/** The event group a template belongs to (what a person turns on or off). */
export function groupOfTemplate(template: string): NotificationGroup {
  if (['booking.requested', 'booking.accepted', 'booking.declined', 'booking.expired'].includes(template)) return 'requests';
  if (template.startsWith('invoice.') || template === 'booking.tipped' || template.startsWith('payment.')) return 'payments';
  if (template.startsWith('review.')) return 'reviews';
  if (template.startsWith('message.')) return 'messages';
  return 'bookings';
}

/** The text message for the templates SMS carries: reminders, on my way, same-day changes and cancellations (in the recipient's language). */
function smsFor(template: string, r: Recipient, c: MessageContext, msg: Message, now: Date): string | null {
  const b = c.booking;
  const { t, when: whenIn } = translator(r.language);
  const when = whenIn(b.startsAt, r.timeZone);
  const sameDay =
    Math.abs(b.startsAt.getTime() - now.getTime()) <= 24 * 3600_000 || localDate(b.startsAt, r.timeZone) === localDate(now, r.timeZone);
  const first = (name: string) => name.split(' ')[0] ?? name;
  switch (template) {
    case 'booking.reminder':
      return t('sms.reminder', {
        category: c.categoryName,
        role: r.role,
        name: r.role === 'client' ? first(c.provider.name) : first(c.client.name),
        when,
        ref: b.reference,
        link: msg.link,
      });
    case 'booking.on_my_way':
      return r.role === 'client'
        ? t('sms.onMyWay', { provider: c.provider.name, category: c.categoryName.toLowerCase(), ref: b.reference, link: msg.link })
        : null;
    case 'booking.changed':
    case 'booking.cancelled':
      return sameDay ? t('sms.sameDay', { title: msg.title, when, ref: b.reference, link: msg.link }) : null;
    default:
      return null;
  }
}
