import { bookingStatusWords } from '@handled/core/status-words';
import { escapeHtml } from '@handled/core/html';
import { formatMoney, type Currency } from '@handled/core/money';
import { formatDay, formatInZone, formatTimeSpan } from '@handled/core/time-in-zone';
import type { RouterOutputs } from '@handled/client';

export type BookingView = RouterOutputs['bookings']['get'];
export type BookingSummary = RouterOutputs['bookings']['mine'][number];
export type Me = RouterOutputs['account']['me'];
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
    `Where: ${escapeHtml(b.address.city)}`,
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
