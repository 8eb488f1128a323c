import type { Currency } from '@handled/core/money';
import type { BookingRow } from '../../repositories/bookings.ts';
import type { ProviderSuggestion } from '../bookings/suggestions.ts';
import { translator, type Language, type Translator } from './i18n/index.ts';

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  role: 'client' | 'provider';
  /** The language the person reads notifications in (`user.language`); English when not given. */
  language?: Language;
}

export interface MessageContext {
  booking: BookingRow;
  client: Recipient;
  provider: Recipient;
  categoryName: string;
  invoice: { hostedUrl: string | null; dueAt: Date | null; total: number } | null;
  webUrl: string;
  deskUrl: string;
  /** Other providers to offer a client whose request expired or was declined. */
  suggestions?: ProviderSuggestion[];
  /** How many photos of the problem the client sent with the request. */
  requestPhotos?: number;
  /** What a cancellation or no-show did with the money (fee kept, refund, the provider's share of the fee). */
  settlement?: { fee: number; refund: number; providerShare: number; commissionBps: number };
  /** A tip the client paid. */
  tip?: { amount: number };
  /** What the provider recorded when finishing the job (for the completion message). */
  work?: { checklist: { item: string; done: boolean }[]; notes: string; photos: { before: number; after: number } };
}

export interface Message {
  title: string;
  body: string;
  /** A link the person follows to act. */
  link: string;
  linkLabel: string;
  /** Telegram inline buttons (callback data handled by the bot). */
  buttons?: { text: string; data?: string; url?: string }[][];
  /** Longer parts for the email only (the work done: hours, checklist, notes). */
  sections?: { heading: string; lines: string[] }[];
}

/** The work as the completion email lists it: hours against the estimate, the checklist, the notes, the photos. */
function workSections(c: MessageContext, tr: Translator): Message['sections'] {
  const w = c.work;
  if (!w) return undefined;
  const { t } = tr;
  const b = c.booking;
  const estimated = tr.hours(b.estimatedQuarterHours);
  const worked = b.actualQuarterHours !== null ? tr.hours(b.actualQuarterHours) : estimated;
  const sections: NonNullable<Message['sections']> = [{ heading: t('work.time'), lines: [t('work.timeLine', { worked, estimated })] }];
  if (w.checklist.length) sections.push({ heading: t('work.checklist'), lines: w.checklist.map((i) => `${i.done ? '✓' : '✗'} ${i.item}`) });
  if (w.notes.trim()) sections.push({ heading: t('work.notes', { name: first(c.provider.name) }), lines: [w.notes.trim()] });
  const photos = w.photos.before + w.photos.after;
  if (photos)
    sections.push({
      heading: t('work.photos'),
      lines: [t('work.photosLine', { before: w.photos.before, after: w.photos.after })],
    });
  return sections;
}

/** "Free at that time: Ana Lee (4.9★, $90.00/h). Free soon: Ben Cole ($80.00/h, free Tue, Nov 24, 3:00 PM EST)." */
function suggestionText(c: MessageContext, to: Recipient, tr: Translator): string {
  const { t } = tr;
  const list = c.suggestions ?? [];
  if (list.length === 0) return t('suggest.none');
  const item = (s: ProviderSuggestion) =>
    t('suggest.item', {
      name: s.displayName,
      rating: s.ratingCount > 0 ? t('suggest.rating', { rating: s.ratingAvg / 100 }) : '',
      rate: tr.money(s.hourlyRate, s.currency as Currency),
      free: s.freeAtRequestedTime ? '' : t('suggest.free', { when: tr.when(new Date(s.start), to.timeZone) }),
    });
  const now = list.filter((s) => s.freeAtRequestedTime);
  const soon = list.filter((s) => !s.freeAtRequestedTime);
  return [
    now.length ? t('suggest.now', { list: now.map(item).join(', ') }) : '',
    soon.length ? t('suggest.soon', { list: soon.map(item).join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function first(name: string): string {
  return name.split(' ')[0] ?? name;
}

function reasonText(b: BookingRow, tr: Translator): string {
  return b.cancellationReason ? tr.t('money.reason', { reason: b.cancellationReason.slice(0, 300) }) : '';
}

type FeeName = 'money.feeLate' | 'money.feeNoShow' | 'money.fee';

/** What the client pays or gets back, in words. */
function clientMoney(c: MessageContext, feeName: FeeName, tr: Translator): string {
  const { t } = tr;
  const m = c.settlement;
  const fmt = (amount: number) => tr.money(amount, c.booking.currency);
  if (!m || (m.fee === 0 && m.refund === 0)) return t('money.nothingCharged');
  if (m.fee === 0) return t('money.noFeeRefund', { refund: fmt(m.refund) });
  const policy = (c.booking.cancellationPolicy as { name?: string }).name;
  return t('money.clientFee', {
    hasPolicy: policy ? 'yes' : 'no',
    policy: policy ? t('policy.adjective', { name: policy }) : '',
    feeName: t(feeName),
    fee: fmt(m.fee),
    refund: m.refund > 0 ? t('money.clientRefund', { refund: fmt(m.refund) }) : '',
    provider: first(c.provider.name),
    share: fmt(m.providerShare),
  });
}

/** What the provider receives (or not), in words. */
function providerMoney(c: MessageContext, feeName: FeeName, tr: Translator): string {
  const { t } = tr;
  const m = c.settlement;
  const fmt = (amount: number) => tr.money(amount, c.booking.currency);
  if (!m || m.fee === 0) return m && m.refund > 0 ? t('money.providerRefundNoFee', { refund: fmt(m.refund) }) : t('money.providerNoFee');
  return t('money.providerShare', { share: fmt(m.providerShare), fee: fmt(m.fee), feeName: t(feeName), pct: m.commissionBps / 100 });
}

/** Who cancelled and why, and what happens to the money — for each side. */
function cancelledBody(c: MessageContext, to: Recipient, at: string, tr: Translator): string {
  const { t } = tr;
  const b = c.booking;
  const isClient = to.role === 'client';
  const category = c.categoryName.toLowerCase();
  const job = isClient ? t('cancel.jobClient', { category, at }) : t('cancel.jobProvider', { category, at });
  const who =
    b.cancelledBy === 'client'
      ? isClient
        ? t('cancel.youCancelledYour', { job })
        : t('cancel.clientCancelled', { name: first(c.client.name), job })
      : b.cancelledBy === 'provider'
        ? isClient
          ? t('cancel.providerCancelledYour', { name: first(c.provider.name), job })
          : t('cancel.youCancelledThe', { job })
        : b.cancelledBy === 'system'
          ? t('cancel.system', { job, role: to.role })
          : t('cancel.handled', { job, role: to.role });
  return `${who}${reasonText(b, tr)} ${isClient ? clientMoney(c, 'money.feeLate', tr) : providerMoney(c, 'money.feeLate', tr)}`;
}

/** Plain, specific copy per event and recipient, in the recipient's own time zone and language. */
export function render(template: string, to: Recipient, c: MessageContext): Message | null {
  const tr = translator(to.language);
  const { t } = tr;
  const b = c.booking;
  const total = tr.money(b.total, b.currency);
  const at = tr.when(b.startsAt, to.timeZone);
  const hours = tr.hours(b.estimatedQuarterHours);
  const clientLink = `${c.webUrl}/bookings/${b.id}`;
  const deskLink = `${c.deskUrl}/#/bookings/${b.id}`;
  const isClient = to.role === 'client';
  const category = c.categoryName;
  const lower = category.toLowerCase();
  const provider = first(c.provider.name);
  const client = first(c.client.name);
  const ref = b.reference;
  const viewBooking = t('common.viewBooking');
  const where = { line1: b.address.line1, city: b.address.city };
  switch (template) {
    case 'booking.requested': {
      if (isClient)
        return {
          title: t('requested.client.title', { provider: c.provider.name }),
          body: t('requested.client.body', {
            category,
            at,
            hours,
            total,
            first: provider,
            hasUntil: b.expiresAt ? 'yes' : 'no',
            until: b.expiresAt ? tr.when(b.expiresAt, to.timeZone) : '',
          }),
          link: clientLink,
          linkLabel: t('requested.client.link'),
        };
      const photos = c.requestPhotos ? t('common.photos', { count: c.requestPhotos }) : '';
      return {
        title: t('requested.provider.title', { client: c.client.name }),
        body: t('requested.provider.body', {
          category,
          at,
          hours,
          total,
          earn: tr.money(b.price.providerEarnings, b.currency),
          details: b.details.slice(0, 200),
          city: b.address.city,
          photos: c.requestPhotos ? t('requested.provider.photos', { photos, link: deskLink }) : '',
        }),
        link: deskLink,
        linkLabel: t('common.openDesk'),
        buttons: [
          [
            { text: t('requested.provider.accept'), data: `bk:accept:${b.id}` },
            { text: t('requested.provider.decline'), data: `bk:decline:${b.id}` },
          ],
          ...(c.requestPhotos ? [[{ text: t('requested.provider.seePhotos', { photos }), url: deskLink }]] : []),
        ],
      };
    }
    case 'booking.accepted':
      return isClient
        ? {
            title: t('accepted.title', { first: provider }),
            body: t('accepted.body', { category, at, total }),
            link: clientLink,
            linkLabel: viewBooking,
          }
        : null;
    case 'invoice.sent':
      return isClient
        ? {
            title: t('invoice.title', { total, first: provider }),
            body: t('invoice.body', {
              first: provider,
              hasDue: c.invoice?.dueAt ? 'yes' : 'no',
              due: c.invoice?.dueAt ? tr.when(c.invoice.dueAt, to.timeZone) : '',
              at,
            }),
            link: c.invoice?.hostedUrl ?? clientLink,
            linkLabel: t('invoice.link'),
            ...(c.invoice?.hostedUrl ? { buttons: [[{ text: t('invoice.button', { total }), url: c.invoice.hostedUrl }]] } : {}),
          }
        : null;
    case 'booking.confirmed':
      return {
        title: isClient
          ? t('confirmed.client.title', { category, first: provider })
          : t('confirmed.provider.title', { client: c.client.name }),
        body: isClient
          ? t('confirmed.client.body', { total, first: provider, at })
          : t('confirmed.provider.body', { category, at, ...where }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.reminder':
      return isClient
        ? {
            title: t('reminder.client.title', { first: provider, at }),
            body: t('reminder.client.body', { category, hours, ...where }),
            link: clientLink,
            linkLabel: viewBooking,
          }
        : {
            title: t('reminder.provider.title', { client: c.client.name, at }),
            body: t('reminder.provider.body', { category, hours, ...where, phone: b.contactPhone ?? '' }),
            link: deskLink,
            linkLabel: t('reminder.provider.link'),
          };
    case 'booking.declined':
      return isClient
        ? {
            title: t('declined.title', { first: provider }),
            body: t('declined.body', {
              at,
              reason: b.declineReason ? t('declined.reason', { reason: b.declineReason }) : '',
              suggestions: suggestionText(c, to, tr),
            }),
            link: `${c.webUrl}/search?category=${encodeURIComponent(c.categoryName)}`,
            linkLabel: t('findAnother'),
          }
        : null;
    case 'booking.expired':
      return {
        title: isClient ? t('expired.client.title', { first: provider }) : t('expired.provider.title', { client: c.client.name }),
        body: isClient ? t('expired.client.body', { at, suggestions: suggestionText(c, to, tr) }) : t('expired.provider.body', { at }),
        link: isClient
          ? c.suggestions?.[0]
            ? `${c.webUrl}/providers/${c.suggestions[0].slug}`
            : `${c.webUrl}/search?category=${encodeURIComponent(c.categoryName)}`
          : deskLink,
        linkLabel: isClient ? t('findAnother') : t('expired.provider.link'),
      };
    case 'booking.cancelled':
      return {
        title: t('cancelled.title', { ref }),
        body: cancelledBody(c, to, at, tr),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.client_no_show':
      return {
        title: isClient ? t('clientNoShow.client.title', { ref }) : t('clientNoShow.provider.title', { ref }),
        body: isClient
          ? t('clientNoShow.client.body', {
              first: provider,
              category: lower,
              at,
              reason: reasonText(b, tr),
              money: clientMoney(c, 'money.feeNoShow', tr),
            })
          : t('clientNoShow.provider.body', {
              first: client,
              category: lower,
              at,
              reason: reasonText(b, tr),
              money: providerMoney(c, 'money.feeNoShow', tr),
            }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.provider_no_show':
      return {
        title: isClient ? t('providerNoShow.client.title', { ref }) : t('providerNoShow.provider.title', { ref }),
        body: isClient
          ? t('providerNoShow.client.body', { first: provider, at, reason: reasonText(b, tr), money: clientMoney(c, 'money.fee', tr) })
          : t('providerNoShow.provider.body', { first: client, category: lower, at, reason: reasonText(b, tr) }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.tipped':
      return isClient
        ? null
        : {
            title: t('tipped.title', { first: client, amount: tr.money(c.tip?.amount ?? 0, b.currency) }),
            body: t('tipped.body', { category: lower, at }),
            link: deskLink,
            linkLabel: viewBooking,
          };
    case 'booking.on_my_way':
      return isClient
        ? {
            title: t('onMyWay.title', { first: provider }),
            body: t('onMyWay.body', { first: provider, line1: b.address.line1, category: lower, at }),
            link: clientLink,
            linkLabel: viewBooking,
          }
        : null;
    case 'booking.started':
      return isClient
        ? {
            title: t('started.title', { first: provider }),
            body: t('started.body', { category, at }),
            link: clientLink,
            linkLabel: viewBooking,
          }
        : null;
    case 'booking.completed':
      return isClient
        ? {
            title: t('completed.title', { first: provider }),
            body: t('completed.body', { category: lower }),
            link: clientLink,
            linkLabel: t('completed.link'),
            ...(c.work ? { sections: workSections(c, tr) } : {}),
          }
        : null;
    case 'booking.completion_confirmed':
    case 'booking.auto_confirmed':
      return {
        title: isClient ? t('closed.client.title', { ref }) : t('closed.provider.title', { client: c.client.name }),
        body: isClient ? t('closed.client.body', { category: lower, at }) : t('closed.provider.body', { category: lower, at }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.disputed':
      return {
        title: t('disputed.title', { ref }),
        body: isClient ? t('disputed.client.body') : t('disputed.provider.body', { client: c.client.name, at }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.changed':
      return {
        title: t('changed.title', { ref }),
        body: t('changed.body', { category, at, hours, total }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
    case 'booking.calendar_move_declined':
      return isClient
        ? null
        : {
            title: t('calendarMove.title', { first: client, ref }),
            body: t('calendarMove.body', { first: client, at }),
            link: deskLink,
            linkLabel: viewBooking,
          };
    case 'booking.change_proposed':
      return {
        title: t('changeProposed.title', { ref }),
        body: t('changeProposed.body', { category: lower, at }),
        link: isClient ? clientLink : deskLink,
        linkLabel: t('changeProposed.link'),
      };
    // Reviews after the job (double-blind: neither side sees the other's until both wrote or the window closed).
    case 'review.requested':
      return isClient
        ? {
            title: t('review.client.title', { first: provider }),
            body: t('review.client.body', { category: lower, at, first: provider }),
            link: `${clientLink}#review`,
            linkLabel: t('review.client.link'),
          }
        : {
            title: t('review.provider.title', { client: c.client.name }),
            body: t('review.provider.body', { first: client, at }),
            link: `${c.deskUrl}/#/reviews`,
            linkLabel: t('review.provider.link'),
          };
    case 'review.reminder':
      return isClient
        ? {
            title: t('reviewReminder.client.title', { first: provider }),
            body: t('reviewReminder.client.body', { category: lower, at }),
            link: `${clientLink}#review`,
            linkLabel: t('review.client.link'),
          }
        : {
            title: t('reviewReminder.provider.title', { client: c.client.name }),
            body: t('reviewReminder.provider.body', { at }),
            link: `${c.deskUrl}/#/reviews`,
            linkLabel: t('review.provider.link'),
          };
    default:
      return {
        title: t('updated.title', { ref }),
        body: t('updated.body', { category, at, status: t('status.word', { status: b.status, raw: b.status.replace('_', ' ') }) }),
        link: isClient ? clientLink : deskLink,
        linkLabel: viewBooking,
      };
  }
}
