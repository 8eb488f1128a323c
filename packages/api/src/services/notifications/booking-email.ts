import { createEvent, type EventAttributes } from 'ics';
import { cancellationPolicies, type CancellationPolicyName } from '@handled/core/booking';
import type { BookingRow } from '../../repositories/bookings.ts';
import { translator, type Translator } from './i18n/index.ts';
import type { EmailContent } from './layout.ts';
import type { Message, MessageContext, Recipient } from './templates.ts';

/** Templates whose email carries a calendar invite: the booking is set, moved or called off. */
const INVITE: Record<string, 'REQUEST' | 'CANCEL'> = {
  'booking.confirmed': 'REQUEST',
  'booking.changed': 'REQUEST',
  'booking.cancelled': 'CANCEL',
  'booking.client_no_show': 'CANCEL',
  'booking.provider_no_show': 'CANCEL',
};

export function inviteMethod(template: string): 'REQUEST' | 'CANCEL' | null {
  return INVITE[template] ?? null;
}

const addressLine = (b: BookingRow) =>
  [b.address.line1, b.address.line2, b.address.city, b.address.region, b.address.postalCode].filter(Boolean).join(', ');

/** Whether the street may be shown: only once the provider accepted. */
const streetVisible = (b: BookingRow) => !['requested', 'declined', 'expired'].includes(b.status);

function summaryOf(c: MessageContext, to: Recipient): string {
  const { t } = translator(to.language);
  return to.role === 'client'
    ? t('booking.summaryClient', { category: c.categoryName, provider: c.provider.name })
    : t('booking.summaryProvider', { category: c.categoryName, client: c.client.name });
}

/** A cancellation policy in words, in the reader's language (core's describePolicy says it in English). */
export function policyWords(name: string, tr: Translator): string {
  const { t } = tr;
  const policy = cancellationPolicies[name as CancellationPolicyName] as (typeof cancellationPolicies)[CancellationPolicyName] | undefined;
  if (!policy) return t('policy.unknown');
  const span = (hours: number) => (hours % 24 === 0 && hours >= 72 ? t('policy.days', { n: hours / 24 }) : t('policy.hours', { n: hours }));
  const [first, ...rest] = [...policy.tiers].sort((a, b) => b.withinHours - a.withinHours);
  if (!first) return t('policy.free');
  const later = rest.map((tier) => t('policy.tier', { pct: tier.feeBps / 100, span: span(tier.withinHours) })).join('');
  return t('policy.tiers', { span: span(first.withinHours), pct: first.feeBps / 100, later });
}

/** The booking's `.ics`: one UID per booking, SEQUENCE its version (so each change supersedes the last), METHOD:CANCEL when called off. */
export function bookingIcs(c: MessageContext, to: Recipient, method: 'REQUEST' | 'CANCEL', link: string): string {
  const b = c.booking;
  const attrs: EventAttributes = {
    uid: `booking-${b.id}@handled.test`,
    sequence: b.version,
    method,
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    start: b.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: b.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: summaryOf(c, to),
    description: translator(to.language).t('booking.icsDescription', { ref: b.reference, link }),
    location: streetVisible(b) ? addressLine(b) : b.address.city,
    url: link,
    organizer: { name: 'Handled', email: 'bookings@handled.test' },
    productId: 'handled/bookings',
  };
  const { error, value } = createEvent(attrs);
  if (error || !value) throw new Error(`Calendar invite for ${b.reference} failed: ${error?.message ?? 'empty'}`);
  return value;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function calendarLinks(c: MessageContext, to: Recipient, link: string): { label: string; url: string }[] {
  const b = c.booking;
  const where = streetVisible(b) ? addressLine(b) : b.address.city;
  const title = summaryOf(c, to);
  const { t } = translator(to.language);
  const details = t('booking.calendarDetails', { ref: b.reference, link });
  const google = new URL('https://calendar.google.com/calendar/render');
  google.search = new URLSearchParams({
    action: 'TEMPLATE',
    text: title,
    dates: `${stamp(b.startsAt)}/${stamp(b.endsAt)}`,
    details,
    location: where,
  }).toString();
  const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  outlook.search = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: title,
    startdt: b.startsAt.toISOString(),
    enddt: b.endsAt.toISOString(),
    body: details,
    location: where,
  }).toString();
  return [
    { label: t('booking.addGoogle'), url: google.toString() },
    { label: t('booking.addOutlook'), url: outlook.toString() },
  ];
}

/** The booking email in the one layout: greeting, what happened, when (in the recipient's zone, named), where, who, price, terms, the button — in the recipient's language. */
export function bookingEmailContent(c: MessageContext, to: Recipient, msg: Message, template: string): EmailContent {
  const b = c.booking;
  const tr = translator(to.language);
  const { t } = tr;
  const other = to.role === 'client' ? c.provider : c.client;
  const confirmed = streetVisible(b);
  const fmt = (amount: number) => tr.money(amount, b.currency);
  const p = b.price;
  const zone = tr.zone(to.timeZone, b.startsAt);
  const details: { label: string; value: string }[] = [
    { label: t('booking.when'), value: `${tr.span(b.startsAt, b.endsAt, to.timeZone)}\n${zone}` },
    { label: t('booking.where'), value: confirmed ? addressLine(b) : t('booking.whereHidden', { city: b.address.city }) },
    {
      label: to.role === 'client' ? t('booking.yourProvider') : t('booking.client'),
      value: `${other.name}${confirmed ? `\n${other.email}${to.role === 'provider' && b.contactPhone ? ` · ${b.contactPhone}` : ''}` : ''}\n${t('booking.messageThem')}`,
    },
    { label: t('booking.booking'), value: b.reference },
  ];
  const hours = tr.hours(p.quarterHours);
  const price =
    to.role === 'client'
      ? {
          lines: [
            { label: t('booking.priceService', { category: c.categoryName, hours, rate: fmt(p.hourlyRate) }), amount: fmt(p.service) },
            { label: t('booking.serviceFee'), amount: fmt(p.platformFee) },
            ...(p.tax ? [{ label: t('booking.tax', { pct: p.taxBps / 100 }), amount: fmt(p.tax) }] : []),
            ...(p.expenses ? [{ label: t('booking.materials'), amount: fmt(p.expenses) }] : []),
          ],
          total: { label: t('booking.total'), amount: fmt(p.total) },
        }
      : {
          lines: [
            { label: t('booking.priceServiceProvider', { hours, rate: fmt(p.hourlyRate) }), amount: fmt(p.service) },
            { label: t('booking.commission'), amount: `−${fmt(p.providerCommission)}` },
          ],
          total: { label: t('booking.youReceive'), amount: fmt(p.providerEarnings) },
        };
  const policy = (b.cancellationPolicy as { name?: string }).name;
  const terms = policy ? t('booking.policy', { name: t('policy.name', { name: policy }), description: policyWords(policy, tr) }) : null;
  const sections = [
    ...(msg.sections ?? []),
    ...(terms && !template.startsWith('review.') ? [{ heading: t('booking.terms'), lines: [terms] }] : []),
  ];
  return {
    greeting: t('email.greeting', { name: to.name.split(' ')[0] ?? to.name }),
    lead: msg.body,
    details,
    price,
    sections,
    button: { label: msg.linkLabel, url: msg.link },
    footer: t('booking.footer', { ref: b.reference, zone }),
  };
}
