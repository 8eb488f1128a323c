import { unreadFor } from '../../repositories/messages.ts';
import { inAppNoticesSince, openRequestCount, unreadMessagesSince } from '../../repositories/desk-activity.ts';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';

export type PulseEventKind = 'request' | 'message' | 'booking' | 'payout';

export interface PulseEvent {
  /** Stable per event: the desk tells each one once. */
  id: string;
  kind: PulseEventKind;
  bookingId: string | null;
  title: string;
  body: string;
  at: string;
}

/** How far back a pulse looks, whatever `since` says: a desk asleep for a week gets a count, not a flood. */
const LOOKBACK_MS = 24 * 3_600_000;
const MAX_EVENTS = 20;

function kindOf(template: string): PulseEventKind {
  if (template.includes(':booking.requested:')) return 'request';
  if (template.startsWith('bank_payout') || template.startsWith('payout')) return 'payout';
  return 'booking';
}

const excerpt = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/**
 * What the provider's desk polls, also while its window is hidden (the Electron main process
 * asks): open requests and unread messages for the tray and the badge, and what happened since
 * the last look — new requests, booking changes (a payment, a cancellation, a proposed time),
 * payouts and messages — as the notices the server already wrote for them, oldest first.
 * Without `since` (the first look) it returns the counts and the time to start from.
 */
export async function deskPulse(deps: ServiceDeps, user: SessionUser, input: { since?: string | undefined }) {
  const now = deps.now();
  const [openRequests, unreadMessages] = await Promise.all([openRequestCount(deps.db, user.id, now), unreadFor(deps.db, user.id)]);
  let events: PulseEvent[] = [];
  if (input.since) {
    const since = new Date(Math.max(Date.parse(input.since), now.getTime() - LOOKBACK_MS));
    const [notices, messages] = await Promise.all([
      inAppNoticesSince(deps.db, user.id, since, MAX_EVENTS),
      unreadMessagesSince(deps.db, user.id, since, MAX_EVENTS),
    ]);
    events = [
      ...notices.map((n) => ({
        id: `n:${n.id}`,
        kind: kindOf(n.template),
        bookingId: n.bookingId,
        title: n.title,
        body: n.body,
        at: n.at.toISOString(),
      })),
      ...messages.map((m) => ({
        id: `m:${m.id}`,
        kind: 'message' as const,
        bookingId: m.bookingId,
        title: `Message from ${m.senderName}`,
        body: excerpt(m.body),
        at: m.at.toISOString(),
      })),
    ]
      .sort((a, b) => a.at.localeCompare(b.at))
      .slice(-MAX_EVENTS);
  }
  return { asOf: now.toISOString(), openRequests, unreadMessages, events };
}

export type DeskPulse = Awaited<ReturnType<typeof deskPulse>>;
