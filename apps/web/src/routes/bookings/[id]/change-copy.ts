import { formatMoney, type Currency } from '@handled/core/money';

/** The parts of a pending change (the API's `changeView`) the booking page shows. */
export interface ChangeForPage {
  id: string;
  proposedBy: 'client' | 'provider';
  via: 'calcom' | 'handled';
  startsAt: string | null;
  hours: number | null;
  details: string | null;
  note: string | null;
  createdAt: string;
  newTotal: number;
  currentTotal: number;
  currency: string;
}

/** Where the booking would sit if the change were accepted: a missing start or length keeps the booking's own. */
export function proposedSpan(c: Pick<ChangeForPage, 'startsAt' | 'hours'>, b: { startsAt: string; hours: number }) {
  const startsAt = c.startsAt ?? b.startsAt;
  const hours = c.hours ?? b.hours;
  return { startsAt, endsAt: new Date(Date.parse(startsAt) + Math.round(hours * 60) * 60_000).toISOString(), hours };
}

/** "$180.00 instead of $120.00 (+$60.00)", or null when the total stays the same. */
export function priceDifference(c: Pick<ChangeForPage, 'newTotal' | 'currentTotal' | 'currency'>) {
  const diff = c.newTotal - c.currentTotal;
  if (diff === 0) return null;
  const money = (amount: number) => formatMoney({ amount, currency: c.currency as Currency });
  return { now: money(c.currentTotal), next: money(c.newTotal), diff: `${diff > 0 ? '+' : '−'}${money(Math.abs(diff))}`, more: diff > 0 };
}

/** The note written by the server for a Cal.com move says nothing the panel does not already say. */
export function noteToShow(c: Pick<ChangeForPage, 'via' | 'note'>): string | null {
  if (!c.note || (c.via === 'calcom' && /moved this job in their calendar/i.test(c.note))) return null;
  return c.note;
}

/**
 * The words for an answer the API refused. `stillPending` is the booking's pending change read
 * again after the refusal (null when there is none), so "it is gone" can say what happened.
 */
export function answerErrorMessage(
  error: { message: string; domainCode: string | null },
  answering: { changeId: string; proposedBy: 'client' | 'provider' },
  stillPending: { id: string } | null,
  providerName: string,
): string {
  const gone = stillPending === null || stillPending.id !== answering.changeId;
  if (gone) {
    if (answering.proposedBy === 'client')
      return `${providerName} has already answered your request — the booking below shows where it stands.`;
    return stillPending === null
      ? `${providerName} withdrew this proposal, so your booking stays as it is.`
      : `${providerName} changed this proposal meanwhile — have a look at the new one.`;
  }
  switch (error.domainCode) {
    case 'SLOT_TAKEN':
      return `That time is no longer free, so it can't be accepted. Your booking stays at its current time — keep it, or message ${providerName}.`;
    case 'SLOT_UNAVAILABLE':
      return `That time can no longer be booked (${error.message.replace(/\.$/, '')}). Your booking stays at its current time.`;
    case 'STALE_VERSION':
      return 'This booking changed while you were looking at it. We have refreshed it — please answer again.';
    default:
      return error.message;
  }
}

/** Timeline words for change events ("Sam proposed a new time"); null for other events. */
export function changeTimelineLabel(e: { type: string; actor: string }, providerName: string | undefined): string | null {
  const who = providerName?.split(' ')[0] ?? 'Your provider';
  const mine = e.actor === 'client';
  switch (e.type) {
    case 'booking.change_proposed':
      return mine ? 'You asked for a change' : `${who} proposed a change`;
    case 'booking.changed':
      return mine ? `You accepted ${who}'s change` : `${who} accepted your change`;
    case 'booking.change_rejected':
      return mine ? `You declined ${who}'s proposal` : `${who} declined your request`;
    case 'booking.change_withdrawn':
      return mine ? 'You withdrew your request' : `${who} withdrew their proposal`;
    default:
      return null;
  }
}
