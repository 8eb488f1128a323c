import type { DeskCounts, DeskNotification } from './ipc.ts';

/**
 * What the desk hears about between screens: the API's `desk.pulse` (counts, and what happened
 * since the last look), turned into desktop notifications, the tray's and badge's counts. In the
 * Electron app the main process runs this (so it works while the window is hidden); in a browser
 * the page does. Pure apart from the functions it is given.
 */

export type PulseEventKind = 'request' | 'message' | 'booking' | 'payout';

export interface PulseEvent {
  id: string;
  kind: PulseEventKind;
  bookingId: string | null;
  title: string;
  body: string;
  at: string;
}

export interface Pulse {
  asOf: string;
  openRequests: number;
  unreadMessages: number;
  events: PulseEvent[];
}

/** How much the provider is looking at the desk: notifications stay quiet for what is on screen. */
export type Attention = 'focused' | 'visible' | 'hidden';

/** Where a notification's click goes. */
export function routeOfEvent(e: Pick<PulseEvent, 'kind' | 'bookingId'>): string {
  if (e.kind === 'message' && e.bookingId) return `#/messages/${e.bookingId}`;
  if (e.bookingId) return `#/bookings/${e.bookingId}`;
  return e.kind === 'payout' ? '#/payouts' : '#/today';
}

const MAX_SEPARATE = 3;

/**
 * The notifications for a pulse's events. While the desk has focus only new requests pop up
 * (they expire; everything else shows in the badges); hidden or in the background, everything
 * does. Many at once become a few and one summary, so a desk back from sleep does not spray.
 */
export function notificationsFor(events: readonly PulseEvent[], attention: Attention): DeskNotification[] {
  const wanted = attention === 'focused' ? events.filter((e) => e.kind === 'request') : [...events];
  if (wanted.length <= MAX_SEPARATE) return wanted.map((e) => ({ title: e.title, body: e.body, route: routeOfEvent(e) }));
  const shown = wanted.slice(-(MAX_SEPARATE - 1));
  const rest = wanted.length - shown.length;
  const requests = wanted.filter((e) => e.kind === 'request').length;
  return [
    {
      title: `${rest} more updates in Handled Desk`,
      body: requests ? `${requests} new ${requests === 1 ? 'request' : 'requests'} among them.` : 'Messages and changes to your bookings.',
      route: requests ? '#/requests' : '#/today',
    },
    ...shown.map((e) => ({ title: e.title, body: e.body, route: routeOfEvent(e) })),
  ];
}

export interface ActivityWatcherDeps {
  fetchPulse(since: string | undefined): Promise<Pulse>;
  notify(n: DeskNotification): void;
  onCounts(c: DeskCounts): void;
  attention(): Attention;
}

/** A small overlap between looks: a notice committed a moment after the previous answer still counts. */
const OVERLAP_MS = 5_000;
const REMEMBERED = 200;

export function createActivityWatcher(deps: ActivityWatcherDeps) {
  let since: string | undefined;
  let seen: string[] = [];
  let running: Promise<boolean> | null = null;

  async function look(): Promise<boolean> {
    let pulse: Pulse;
    try {
      pulse = await deps.fetchPulse(since);
    } catch {
      // Offline or signed out: try again next time, from the same point.
      return false;
    }
    deps.onCounts({ requests: pulse.openRequests, unread: pulse.unreadMessages });
    const fresh = pulse.events.filter((e) => !seen.includes(e.id));
    seen = [...seen, ...fresh.map((e) => e.id)].slice(-REMEMBERED);
    // The first look only sets the point to start from: what came before is in the badges.
    if (since !== undefined) for (const n of notificationsFor(fresh, deps.attention())) deps.notify(n);
    since = since === undefined ? pulse.asOf : new Date(Date.parse(pulse.asOf) - OVERLAP_MS).toISOString();
    return true;
  }

  return {
    /** One look; concurrent calls share it. True when the API answered. */
    tick(): Promise<boolean> {
      running ??= look().finally(() => (running = null));
      return running;
    },
    /** Forget the point reached (sign-out): the next look starts afresh. */
    reset() {
      since = undefined;
      seen = [];
    },
  };
}

export type ActivityWatcher = ReturnType<typeof createActivityWatcher>;
