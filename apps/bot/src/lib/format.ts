import { bookingStatusWords } from '@handled/core/status-words';
import { escapeHtml } from '@handled/core/html';
import { formatMoney, type Currency } from '@handled/core/money';
import { formatDay, formatInZone, formatTimeSpan } from '@handled/core/time-in-zone';
import type { RouterOutputs } from '@handled/client';

export type BookingView = RouterOutputs['bookings']['get'];
export type BookingSummary = RouterOutputs['bookings']['mine'][number];
export type Me = RouterOutputs['account']['me'];
export type PendingChange = NonNullable<RouterOutputs['changes']['pending']>;
export type JobItem = RouterOutputs['bookings']['history']['items'][number];
export type BookingStatus = BookingView['status'];
type Side = 'client' | 'provider';

export function statusInWords(status: BookingStatus, side: Side): string {
  const words = bookingStatusWords[status];
  return side === 'client' ? words.clientLine : words.providerLine;
}

/** Bookings that still need someone to do something; the rest are history. */
export const activeStatuses: readonly BookingStatus[] = ['requested', 'accepted', 'confirmed', 'in_progress', 'disputed'];

/** "Tue, Jun 3, 9:00 AM – 11:00 AM (America/New_York)": in the reader's own zone, named. */
export function formatWhen(startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatDay(startsAt, timeZone)}, ${formatTimeSpan(startsAt, endsAt, timeZone, false)} (${timeZone})`;
}

export function formatHours(hours: number): string {
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

export function money(amount: number, currency: Currency): string {
  return formatMoney({ amount, currency });
}

function sideOf(me: Me, b: { provider?: { id: string } | null; providerId?: string }): Side {
  return (b.provider?.id ?? b.providerId) === me.id ? 'provider' : 'client';
}

/** The booking card: what a person needs to decide, in plain words. HTML parse mode. */
export function bookingCard(me: Me, b: BookingView): string {
  const side = sideOf(me, b);
  const category = b.category?.name ?? 'Booking';
  const who = side === 'provider' ? `for ${b.client?.name ?? 'a client'}` : `with ${b.provider?.displayName ?? 'your provider'}`;
  const lines = [
    `<b>${escapeHtml(category)} ${escapeHtml(who)}</b>`,
    `Status: ${escapeHtml(statusInWords(b.status, side))}`,
    `When: ${escapeHtml(formatWhen(b.startsAt, b.endsAt, me.timeZone))}`,
    `Hours: ${formatHours(b.hours)}`,
    side === 'provider'
      ? `Total: ${money(b.price.total, b.price.currency)} (you earn ${money(b.price.providerEarnings, b.price.currency)})`
      : `Total: ${money(b.price.total, b.price.currency)}`,
    b.address.line1 && !(side === 'provider' && b.status === 'requested')
      ? `Where: ${escapeHtml(addressLine(b.address))} (<a href="${mapLink(b.address)}">map</a>)`
      : `Where: ${escapeHtml(b.address.city)}`,
  ];
  if (b.status === 'declined' && b.declineReason) lines.push(`Reason: “${escapeHtml(b.declineReason)}”`);
  if (b.invoice && side === 'client' && b.invoice.amountRemaining > 0 && b.invoice.status === 'open')
    lines.push(`To pay: ${money(b.invoice.amountRemaining, b.invoice.currency)}`);
  lines.push(`<i>${escapeHtml(b.reference)}</i>`);
  return lines.join('\n');
}

/** One line per booking in /bookings. */
export function bookingLine(me: Me, b: BookingSummary): string {
  const side = sideOf(me, b);
  const other = side === 'provider' ? b.clientName : b.providerName;
  return `• ${escapeHtml(formatInZone(b.startsAt, me.timeZone, 'month-day-time'))} — ${escapeHtml(b.categoryName)}, ${escapeHtml(other)}, ${formatHours(b.hours)}, ${money(b.total, b.currency)}\n   ${escapeHtml(statusInWords(b.status, side))}`;
}

interface AddressLike {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
}

export function addressLine(a: AddressLike): string {
  return [a.line1, a.line2, a.city, a.postalCode].filter((x) => x && String(x).trim()).join(', ');
}

/** An OpenStreetMap search for the address (no key, opens in any browser or map app). */
export function mapLink(a: AddressLike): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(addressLine(a))}`;
}

/** A proposed change in the reader's zone. */
export function changeLine(me: Me, c: PendingChange, mySide: Side): string {
  const who = c.proposedBy === mySide ? 'You' : c.proposedBy === 'client' ? 'The client' : 'The provider';
  const when = c.startsAt ? `a new time: ${formatInZone(c.startsAt, me.timeZone, 'month-day-time')} (${me.timeZone})` : 'a change';
  return `${who} proposed ${escapeHtml(when)}${c.note ? ` — “${escapeHtml(c.note)}”` : ''}.`;
}

/** One job in /today and /week: time in the provider's zone, client, address with a map link. */
export function jobLine(zone: string, j: JobItem): string {
  const where = j.address.line1
    ? `${escapeHtml(addressLine(j.address))} · <a href="${mapLink(j.address)}">map</a>`
    : escapeHtml(j.address.city);
  return `• <b>${escapeHtml(formatInZone(j.startsAt, zone, 'time'))}</b> ${escapeHtml(j.categoryName)} for ${escapeHtml(j.clientName)}, ${formatHours(j.hours)} — ${escapeHtml(statusInWords(j.status, 'provider'))}\n   ${where}`;
}
