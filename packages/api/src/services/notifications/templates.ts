import { formatMoney } from '@handled/core/money';
import { formatWhen } from '@handled/core/time-in-zone';
import type { BookingRow } from '../../repositories/bookings.ts';
import type { ProviderSuggestion } from '../bookings/suggestions.ts';

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  role: 'client' | 'provider';
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
function workSections(c: MessageContext): Message['sections'] {
  const w = c.work;
  if (!w) return undefined;
  const b = c.booking;
  const estimated = `${b.estimatedQuarterHours / 4} h`;
  const worked = b.actualQuarterHours !== null ? `${b.actualQuarterHours / 4} h` : estimated;
  const sections: NonNullable<Message['sections']> = [{ heading: 'Time', lines: [`${worked} worked (${estimated} estimated)`] }];
  if (w.checklist.length) sections.push({ heading: 'Checklist', lines: w.checklist.map((i) => `${i.done ? '✓' : '✗'} ${i.item}`) });
  if (w.notes.trim()) sections.push({ heading: `${first(c.provider.name)}'s notes`, lines: [w.notes.trim()] });
  const photos = w.photos.before + w.photos.after;
  if (photos)
    sections.push({
      heading: 'Photos',
      lines: [`${w.photos.before} before, ${w.photos.after} after — all of them are on your booking page.`],
    });
  return sections;
}

/** "Free at that time: Ana Lee (4.9★, $90.00/h). Free soon: Ben Cole ($80.00/h, free Tue, Nov 24, 3:00 PM EST)." */
function suggestionText(c: MessageContext, to: Recipient): string {
  const list = c.suggestions ?? [];
  if (list.length === 0) return 'Other providers may be free then.';
  const item = (s: ProviderSuggestion) =>
    `${s.displayName} (${s.ratingCount > 0 ? `${(s.ratingAvg / 100).toFixed(1)}★, ` : ''}${formatMoney({ amount: s.hourlyRate, currency: s.currency as BookingRow['currency'] })}/h${s.freeAtRequestedTime ? '' : `, free ${formatWhen(new Date(s.start), to.timeZone)}`})`;
  const now = list.filter((s) => s.freeAtRequestedTime);
  const soon = list.filter((s) => !s.freeAtRequestedTime);
  return [
    now.length ? `Free at that time: ${now.map(item).join(', ')}.` : '',
    soon.length ? `Free soon: ${soon.map(item).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const photoCount = (n: number) => `${n} photo${n === 1 ? '' : 's'}`;

function first(name: string): string {
  return name.split(' ')[0] ?? name;
}

function reasonText(b: BookingRow): string {
  return b.cancellationReason ? ` Reason given: "${b.cancellationReason.slice(0, 300)}".` : '';
}

/** What the client pays or gets back, in words. */
function clientMoney(c: MessageContext, feeName: string): string {
  const m = c.settlement;
  const fmt = (amount: number) => formatMoney({ amount, currency: c.booking.currency });
  if (!m || (m.fee === 0 && m.refund === 0)) return 'Nothing was charged.';
  if (m.fee === 0) return `There is no fee: everything you paid (${fmt(m.refund)}) goes back to your card.`;
  const policy = (c.booking.cancellationPolicy as { name?: string }).name;
  return `Under ${policy ? `the ${policy}` : 'the'} cancellation policy the ${feeName} is ${fmt(m.fee)}${m.refund > 0 ? `; ${fmt(m.refund)} goes back to your card` : ''}. ${first(c.provider.name)} receives ${fmt(m.providerShare)} of it.`;
}

/** What the provider receives (or not), in words. */
function providerMoney(c: MessageContext, feeName: string): string {
  const m = c.settlement;
  const fmt = (amount: number) => formatMoney({ amount, currency: c.booking.currency });
  if (!m || m.fee === 0)
    return m && m.refund > 0 ? `The client gets back everything they paid (${fmt(m.refund)}); there is no fee.` : 'There is no fee.';
  return `You receive ${fmt(m.providerShare)} of the ${fmt(m.fee)} ${feeName} (after Handled's ${m.commissionBps / 100}% commission), paid out with your earnings once the client's refund is done.`;
}

/** Who cancelled and why, and what happens to the money — for each side. */
function cancelledBody(c: MessageContext, to: Recipient, at: string): string {
  const b = c.booking;
  const isClient = to.role === 'client';
  const job = `${c.categoryName.toLowerCase()} ${isClient ? 'booking' : 'job'} on ${at}`;
  const who =
    b.cancelledBy === 'client'
      ? isClient
        ? `You cancelled your ${job}.`
        : `${first(c.client.name)} cancelled the ${job}.`
      : b.cancelledBy === 'provider'
        ? isClient
          ? `${first(c.provider.name)} cancelled your ${job}.`
          : `You cancelled the ${job}.`
        : b.cancelledBy === 'system'
          ? `We cancelled the ${job}.`
          : `Handled cancelled the ${job}.`;
  return `${who}${reasonText(b)} ${isClient ? clientMoney(c, 'late-cancellation fee') : providerMoney(c, 'late-cancellation fee')}`;
}

/** Plain, specific copy per event and recipient, in the recipient's own time zone. */
export function render(template: string, to: Recipient, c: MessageContext): Message | null {
  const b = c.booking;
  const total = formatMoney({ amount: b.total, currency: b.currency });
  const at = formatWhen(b.startsAt, to.timeZone);
  const hours = `${b.estimatedQuarterHours / 4} h`;
  const clientLink = `${c.webUrl}/bookings/${b.id}`;
  const deskLink = `${c.deskUrl}/#/bookings/${b.id}`;
  const isClient = to.role === 'client';
  switch (template) {
    case 'booking.requested':
      return isClient
        ? {
            title: `Request sent to ${c.provider.name}`,
            body: `${c.categoryName}, ${at}, ${hours}, ${total}. ${first(c.provider.name)} has until ${b.expiresAt ? formatWhen(b.expiresAt, to.timeZone) : 'soon'} to answer; the slot is held for you until then.`,
            link: clientLink,
            linkLabel: 'View request',
          }
        : {
            title: `New request from ${c.client.name}`,
            body: `${c.categoryName}, ${at}, ${hours}, ${total} (you earn ${formatMoney({ amount: b.price.providerEarnings, currency: b.currency })}). "${b.details.slice(0, 200)}" in ${b.address.city}.${c.requestPhotos ? ` 📷 ${photoCount(c.requestPhotos)} of the problem: ${deskLink}` : ''}`,
            link: deskLink,
            linkLabel: 'Open in Handled Desk',
            buttons: [
              [
                { text: '✅ Accept', data: `bk:accept:${b.id}` },
                { text: '✖️ Decline', data: `bk:decline:${b.id}` },
              ],
              ...(c.requestPhotos ? [[{ text: `📷 See the ${photoCount(c.requestPhotos)}`, url: deskLink }]] : []),
            ],
          };
    case 'booking.accepted':
      return isClient
        ? {
            title: `${first(c.provider.name)} accepted your booking`,
            body: `${c.categoryName} on ${at}. Your invoice for ${total} is on its way; pay it to confirm the slot.`,
            link: clientLink,
            linkLabel: 'View booking',
          }
        : null;
    case 'invoice.sent':
      return isClient
        ? {
            title: `Pay ${total} to confirm ${first(c.provider.name)}`,
            body: `${first(c.provider.name)} accepted — pay by ${c.invoice?.dueAt ? formatWhen(c.invoice.dueAt, to.timeZone) : 'the due date'} to keep your slot on ${at}.`,
            link: c.invoice?.hostedUrl ?? clientLink,
            linkLabel: 'Pay invoice',
            ...(c.invoice?.hostedUrl ? { buttons: [[{ text: `💳 Pay ${total}`, url: c.invoice.hostedUrl }]] } : {}),
          }
        : null;
    case 'booking.confirmed':
      return {
        title: isClient ? `Confirmed: ${c.categoryName} with ${first(c.provider.name)}` : `Confirmed and paid: ${c.client.name}`,
        body: isClient
          ? `Paid ${total}. ${first(c.provider.name)} will see you on ${at}.`
          : `${c.categoryName} on ${at} at ${b.address.line1}, ${b.address.city}. The client has paid.`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.reminder':
      return isClient
        ? {
            title: `Reminder: ${first(c.provider.name)} comes ${at}`,
            body: `${c.categoryName}, ${hours}, at ${b.address.line1}, ${b.address.city}. Need to change it? Open the booking.`,
            link: clientLink,
            linkLabel: 'View booking',
          }
        : {
            title: `Reminder: ${c.client.name}, ${at}`,
            body: `${c.categoryName}, ${hours}, at ${b.address.line1}, ${b.address.city}. Phone ${b.contactPhone}.`,
            link: deskLink,
            linkLabel: 'Open the job',
          };
    case 'booking.declined':
      return isClient
        ? {
            title: `${first(c.provider.name)} can't make it`,
            body: `Your request for ${at} was declined${b.declineReason ? `: "${b.declineReason}"` : ''}. Nothing was charged. ${suggestionText(c, to)}`,
            link: `${c.webUrl}/search?category=${encodeURIComponent(c.categoryName)}`,
            linkLabel: 'Find another provider',
          }
        : null;
    case 'booking.expired':
      return {
        title: isClient ? `${first(c.provider.name)} didn't answer in time` : `A request from ${c.client.name} expired`,
        body: isClient
          ? `Your request for ${at} expired and nothing was charged. ${suggestionText(c, to)}`
          : `You didn't answer the request for ${at}; the slot is free again.`,
        link: isClient
          ? c.suggestions?.[0]
            ? `${c.webUrl}/providers/${c.suggestions[0].slug}`
            : `${c.webUrl}/search?category=${encodeURIComponent(c.categoryName)}`
          : deskLink,
        linkLabel: isClient ? 'Find another provider' : 'Open Handled Desk',
      };
    case 'booking.cancelled':
      return {
        title: `Booking ${b.reference} cancelled`,
        body: cancelledBody(c, to, at),
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.client_no_show':
      return {
        title: isClient ? `Missed appointment: ${b.reference}` : `No-show recorded: ${b.reference}`,
        body: isClient
          ? `${first(c.provider.name)} came for your ${c.categoryName.toLowerCase()} booking on ${at} and reported that nobody was there.${reasonText(b)} ${clientMoney(c, 'no-show fee')}`
          : `You reported ${first(c.client.name)} absent for the ${c.categoryName.toLowerCase()} job on ${at}.${reasonText(b)} ${providerMoney(c, 'no-show fee')}`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.provider_no_show':
      return {
        title: isClient ? `No-show recorded: ${b.reference}` : `Missed job: ${b.reference}`,
        body: isClient
          ? `You reported that ${first(c.provider.name)} didn't come on ${at}.${reasonText(b)} ${clientMoney(c, 'fee')}`
          : `${first(c.client.name)} reported that you didn't come for the ${c.categoryName.toLowerCase()} job on ${at}.${reasonText(b)} The client gets back everything they paid and you receive nothing for it; the missed job is recorded on your reliability.`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.tipped':
      return isClient
        ? null
        : {
            title: `${first(c.client.name)} tipped you ${formatMoney({ amount: c.tip?.amount ?? 0, currency: b.currency })}`,
            body: `A tip for the ${c.categoryName.toLowerCase()} job on ${at}. All of it is yours — no fee — and it is paid out with your earnings.`,
            link: deskLink,
            linkLabel: 'View booking',
          };
    case 'booking.on_my_way':
      return isClient
        ? {
            title: `${first(c.provider.name)} is on the way`,
            body: `${first(c.provider.name)} is heading to ${b.address.line1} for your ${c.categoryName.toLowerCase()} booking at ${at}.`,
            link: clientLink,
            linkLabel: 'View booking',
          }
        : null;
    case 'booking.started':
      return isClient
        ? {
            title: `${first(c.provider.name)} has started`,
            body: `The job started (${c.categoryName}, booked for ${at}).`,
            link: clientLink,
            linkLabel: 'View booking',
          }
        : null;
    case 'booking.completed':
      return isClient
        ? {
            title: `${first(c.provider.name)} marked the job done`,
            body: `Please confirm the ${c.categoryName.toLowerCase()} job is complete, or tell us about a problem, within 48 hours; after that it is confirmed for you.`,
            link: clientLink,
            linkLabel: 'Confirm or report a problem',
            ...(c.work ? { sections: workSections(c) } : {}),
          }
        : null;
    case 'booking.completion_confirmed':
    case 'booking.auto_confirmed':
      return {
        title: isClient ? `Job confirmed: ${b.reference}` : `${c.client.name} confirmed the job`,
        body: isClient
          ? `Thanks — your ${c.categoryName.toLowerCase()} job on ${at} is closed. Your receipt follows by email.`
          : `The ${c.categoryName.toLowerCase()} job on ${at} is confirmed; your payout is on its way.`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.disputed':
      return {
        title: `Problem reported on ${b.reference}`,
        body: isClient
          ? 'We have your report. The payout is on hold while our team looks at it.'
          : `${c.client.name} reported a problem with the job on ${at}. Your payout is on hold while our team looks at it.`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.changed':
      return {
        title: `Booking ${b.reference} changed`,
        body: `${c.categoryName} is now on ${at} for ${hours} (${total}).`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
    case 'booking.calendar_move_declined':
      return isClient
        ? null
        : {
            title: `${first(c.client.name)} kept the agreed time for ${b.reference}`,
            body: `You moved this job in Cal.com; ${first(c.client.name)} kept it on ${at}. We are moving it back in your Cal.com.`,
            link: deskLink,
            linkLabel: 'View booking',
          };
    case 'booking.change_proposed':
      return {
        title: `Change proposed for ${b.reference}`,
        body: `A new time or details were proposed for your ${c.categoryName.toLowerCase()} booking on ${at}. Accept or reject it.`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'Review the change',
      };
    // Reviews after the job (double-blind: neither side sees the other's until both wrote or the window closed).
    case 'review.requested':
      return isClient
        ? {
            title: `How did ${first(c.provider.name)} do?`,
            body: `Rate the ${c.categoryName.toLowerCase()} job on ${at}: stars, a few words and photos if you like. ${first(c.provider.name)} won't see your review until they have reviewed you too, or the review window closes.`,
            link: `${clientLink}#review`,
            linkLabel: 'Write your review',
          }
        : {
            title: `Review ${c.client.name}`,
            body: `How was working with ${first(c.client.name)} on ${at}? Your review is seen by other providers only, and ${first(c.client.name)}'s review of you stays hidden until you have written yours or the review window closes.`,
            link: `${c.deskUrl}/#/reviews`,
            linkLabel: 'Review the client',
          };
    case 'review.reminder':
      return isClient
        ? {
            title: `A few days left to review ${first(c.provider.name)}`,
            body: `The review window for the ${c.categoryName.toLowerCase()} job on ${at} closes soon. It takes a minute and helps others choose.`,
            link: `${clientLink}#review`,
            linkLabel: 'Write your review',
          }
        : {
            title: `A few days left to review ${c.client.name}`,
            body: `The review window for the job on ${at} closes soon. Reviews of clients help other providers.`,
            link: `${c.deskUrl}/#/reviews`,
            linkLabel: 'Review the client',
          };
    default:
      return {
        title: `Booking ${b.reference} updated`,
        body: `${c.categoryName} on ${at} is now ${b.status.replace('_', ' ')}.`,
        link: isClient ? clientLink : deskLink,
        linkLabel: 'View booking',
      };
  }
}
