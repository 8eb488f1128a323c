import { formatMoney, type Currency } from '@handled/core/money';
import { formatDeadline, formatDay, formatTime, zoneAbbr } from '@handled/core/time-in-zone';

/** The parts of a booking the client's status copy depends on. */
export interface BookingForCopy {
  status: string;
  paymentStatus: string;
  startsAt: string;
  expiresAt: string | null;
  declineReason: string | null;
  cancellationReason: string | null;
  cancelledBy: string | null;
  provider: { displayName: string } | null;
  price: { total: number; currency: string };
  invoice: { status: string; amountRemaining: number; amountPaid: number; total: number; currency: string; dueAt: string | null } | null;
  /** What closing the booking did with the money (as the transition settled it), on a closed booking. */
  settlement?: { fee: number; refund: number; providerShare: number; closedBy: string | null; eventType: string | null } | null;
}

/**
 * What happened to the client's money when the booking closed, in words that match what happened:
 * a refund only when something was paid, a fee only when one applies.
 */
export function settlementWords(b: Pick<BookingForCopy, 'settlement' | 'price' | 'provider'>, feeName = 'late-cancellation fee'): string {
  const s = b.settlement;
  const ccy = b.price.currency;
  if (!s || (s.fee === 0 && s.refund === 0)) return 'Nothing was charged.';
  if (s.fee === 0) return `Everything you paid (${money(s.refund, ccy)}) goes back to your card.`;
  const share = s.providerShare > 0 ? ` ${first(b.provider?.displayName)} receives ${money(s.providerShare, ccy)} of it.` : '';
  return s.refund > 0
    ? `The ${feeName} is ${money(s.fee, ccy)}; ${money(s.refund, ccy)} goes back to your card.${share}`
    : `The ${feeName} is ${money(s.fee, ccy)}.${share}`;
}

export interface StatusCopy {
  title: string;
  body: string;
  /** What the client should do now, if anything. */
  needsPayment: boolean;
}

const first = (name: string | undefined) => name?.split(' ')[0] ?? 'Your provider';
const money = (amount: number, currency: string) => formatMoney({ amount, currency: currency as Currency });

/** Plain, specific words for where a booking stands, in the viewer's zone. */
export function statusCopy(b: BookingForCopy, zone: string, now: Date = new Date()): StatusCopy {
  const who = first(b.provider?.displayName);
  const when = `${formatDay(b.startsAt, zone)} at ${formatTime(b.startsAt, zone)} ${zoneAbbr(zone, b.startsAt)}`;
  const inv = b.invoice;
  const owes = !!inv && inv.status === 'open' && inv.amountRemaining > 0;
  switch (b.status) {
    case 'requested':
      return {
        title: `Waiting for ${who} to accept`,
        body: b.expiresAt
          ? `${who} has until ${formatDeadline(b.expiresAt, zone, now)} to answer. Nothing is charged until they accept.`
          : `We'll let you know as soon as ${who} answers. Nothing is charged until they accept.`,
        needsPayment: false,
      };
    case 'accepted':
      if (owes && inv)
        return {
          title: inv.dueAt
            ? `${who} accepted — pay by ${formatDeadline(inv.dueAt, zone, now)} to keep your slot`
            : `${who} accepted — pay to keep your slot`,
          body: `${money(inv.amountRemaining, inv.currency)} is due for ${when}.`,
          needsPayment: true,
        };
      return {
        title: `${who} accepted`,
        body: inv ? `Your payment is being processed for ${when}.` : `Your invoice is on its way — it will appear here in a moment.`,
        needsPayment: false,
      };
    case 'confirmed':
      return {
        title: `You're booked — ${who} will see you ${when}`,
        body:
          b.paymentStatus === 'paid' && inv
            ? `Paid ${money(inv.amountPaid, inv.currency)}. We'll remind you the day before.`
            : `We'll remind you the day before.`,
        needsPayment: owes,
      };
    case 'in_progress':
      return { title: `${who} is on the job`, body: `Started ${when}.`, needsPayment: false };
    case 'completed':
      return { title: `Done — ${who} finished the job`, body: `Thanks for booking with Handled.`, needsPayment: false };
    case 'declined':
      return {
        title: `${who} can't take this booking`,
        body: `${b.declineReason ? `“${b.declineReason}” ` : ''}Nothing was charged. Pick another time or someone else who is free.`,
        needsPayment: false,
      };
    case 'expired':
      return {
        title: `${who} didn't answer in time`,
        body: `The request expired and nothing was charged. Try another time or another provider.`,
        needsPayment: false,
      };
    case 'cancelled': {
      const by =
        b.cancelledBy === 'client' ? 'You cancelled' : b.cancelledBy === 'provider' ? `${who} cancelled` : 'This booking was cancelled';
      return {
        title: `${by}${b.cancelledBy === 'client' || b.cancelledBy === 'provider' ? ' this booking' : ''}`,
        body: `${b.cancellationReason ? `“${b.cancellationReason}” ` : ''}${settlementWords(b)}`,
        needsPayment: false,
      };
    }
    case 'no_show':
      return b.settlement?.eventType === 'booking.provider_no_show'
        ? { title: `You reported that ${who} didn't come`, body: settlementWords(b), needsPayment: false }
        : {
            title: `${who} reported that nobody was there`,
            body: `${settlementWords(b, 'no-show fee')} Contact support if this is wrong.`,
            needsPayment: false,
          };
    case 'disputed':
      return {
        title: 'Problem reported',
        body: `We're looking into it with ${who}. Payment to ${who} is on hold meanwhile.`,
        needsPayment: false,
      };
    default:
      return { title: b.status.replace(/_/g, ' '), body: '', needsPayment: owes };
  }
}

/** "Sam accepted", "Payment received": one line per timeline event. */
export function timelineLabel(e: { type: string; to: string; actor: string }, providerName: string | undefined): string {
  const who = first(providerName);
  const actor = e.actor === 'client' ? 'you' : e.actor === 'provider' ? who : e.actor === 'admin' ? 'Handled support' : 'Handled';
  switch (e.type) {
    case 'booking.requested':
      return 'You sent the request';
    case 'booking.accepted':
      return `${who} accepted`;
    case 'booking.declined':
      return `${who} declined`;
    case 'booking.expired':
      return 'The request expired';
    case 'booking.payment_recorded':
    case 'booking.payment_after_close':
      return 'Payment received';
    case 'booking.confirmed':
      return 'Booking confirmed';
    case 'booking.on_my_way':
      return `${who} is on the way`;
    case 'booking.started':
      return `${who} started the job`;
    case 'booking.completed':
      return `${who} finished the job`;
    case 'booking.completion_confirmed':
    case 'booking.auto_confirmed':
      return 'Completion confirmed';
    case 'booking.cancelled':
      return `Cancelled by ${actor}`;
    case 'booking.disputed':
      return 'Problem reported';
    case 'booking.emergency_raised':
      return `Emergency alert raised by ${actor}`;
    case 'booking.emergency_acknowledged':
      return 'Handled support took the emergency in hand';
    case 'booking.emergency_resolved':
      return 'Emergency resolved by Handled support';
    case 'booking.tip_received':
      return `You tipped ${who}`;
    case 'booking.expense_added':
      return `${who} added materials`;
    case 'booking.client_no_show':
      return `${who} reported nobody was there`;
    case 'booking.provider_no_show':
      return `You reported ${who} didn't come`;
    default: {
      const tail = e.type.split('.').pop() ?? e.type;
      return tail.charAt(0).toUpperCase() + tail.slice(1).replace(/_/g, ' ');
    }
  }
}
