import { createEvent, type EventAttributes } from 'ics';
import { describePolicy } from '@handled/core/booking';
import { formatMoney } from '@handled/core/money';
import { formatSpan, zoneLabel } from '@handled/core/time-in-zone';
import type { BookingRow } from '../../repositories/bookings.ts';
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
  return to.role === 'client' ? `${c.categoryName} with ${c.provider.name}` : `${c.categoryName} for ${c.client.name}`;
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
    description: `Booking ${b.reference}. ${link}`,
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
  const google = new URL('https://calendar.google.com/calendar/render');
  google.search = new URLSearchParams({
    action: 'TEMPLATE',
    text: title,
    dates: `${stamp(b.startsAt)}/${stamp(b.endsAt)}`,
    details: `Booking ${b.reference}: ${link}`,
    location: where,
  }).toString();
  const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  outlook.search = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: title,
    startdt: b.startsAt.toISOString(),
    enddt: b.endsAt.toISOString(),
    body: `Booking ${b.reference}: ${link}`,
    location: where,
  }).toString();
  return [
    { label: 'Add to Google Calendar', url: google.toString() },
    { label: 'Add to Outlook', url: outlook.toString() },
  ];
}

/** The booking email in the one layout: greeting, what happened, when (in the recipient's zone, named), where, who, price, terms, the button. */
export function bookingEmailContent(c: MessageContext, to: Recipient, msg: Message, template: string): EmailContent {
  const b = c.booking;
  const other = to.role === 'client' ? c.provider : c.client;
  const confirmed = streetVisible(b);
  const fmt = (amount: number) => formatMoney({ amount, currency: b.currency });
  const p = b.price;
  const details: { label: string; value: string }[] = [
    { label: 'When', value: `${formatSpan(b.startsAt, b.endsAt, to.timeZone)}\n${zoneLabel(to.timeZone, b.startsAt)}` },
    { label: 'Where', value: confirmed ? addressLine(b) : `${b.address.city} (the street once accepted)` },
    {
      label: to.role === 'client' ? 'Your provider' : 'Client',
      value: `${other.name}${confirmed ? `\n${other.email}${to.role === 'provider' && b.contactPhone ? ` · ${b.contactPhone}` : ''}` : ''}\nOr message them from the booking page.`,
    },
    { label: 'Booking', value: b.reference },
  ];
  const price =
    to.role === 'client'
      ? {
          lines: [
            { label: `${c.categoryName}, ${p.quarterHours / 4} h at ${fmt(p.hourlyRate)}/h`, amount: fmt(p.service) },
            { label: 'Service fee', amount: fmt(p.platformFee) },
            ...(p.tax ? [{ label: `Tax (${p.taxBps / 100}%)`, amount: fmt(p.tax) }] : []),
            ...(p.expenses ? [{ label: 'Materials', amount: fmt(p.expenses) }] : []),
          ],
          total: { label: 'Total', amount: fmt(p.total) },
        }
      : {
          lines: [
            { label: `${p.quarterHours / 4} h at ${fmt(p.hourlyRate)}/h`, amount: fmt(p.service) },
            { label: "Handled's commission", amount: `−${fmt(p.providerCommission)}` },
          ],
          total: { label: 'You receive', amount: fmt(p.providerEarnings) },
        };
  const policy = (b.cancellationPolicy as { name?: string }).name;
  const terms = policy ? `${policy[0]?.toUpperCase() ?? ''}${policy.slice(1)} policy: ${describePolicy(policy)}` : null;
  const sections = [
    ...(msg.sections ?? []),
    ...(terms && !template.startsWith('review.') ? [{ heading: 'Cancellation terms', lines: [terms] }] : []),
  ];
  return {
    greeting: `Hi ${to.name.split(' ')[0] ?? to.name},`,
    lead: msg.body,
    details,
    price,
    sections,
    button: { label: msg.linkLabel, url: msg.link },
    footer: `Booking ${b.reference}. Times are shown in ${zoneLabel(to.timeZone, b.startsAt)}.`,
  };
}
