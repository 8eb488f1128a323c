import { describe, expect, it } from 'vitest';
import { createActivityWatcher, notificationsFor, routeOfEvent, type Pulse, type PulseEvent } from './activity.ts';
import type { DeskNotification } from './ipc.ts';

const ev = (id: string, kind: PulseEvent['kind'], bookingId: string | null = 'bk_1'): PulseEvent => ({
  id,
  kind,
  bookingId,
  title: `T ${id}`,
  body: `B ${id}`,
  at: '2026-01-01T10:00:00.000Z',
});

describe('what a pulse tells the provider', () => {
  it('routes each kind where it belongs', () => {
    expect(routeOfEvent(ev('1', 'message'))).toBe('#/messages/bk_1');
    expect(routeOfEvent(ev('2', 'request'))).toBe('#/bookings/bk_1');
    expect(routeOfEvent(ev('3', 'payout', null))).toBe('#/payouts');
  });

  it('while the desk has focus only requests pop up; hidden, everything does; many become a summary', () => {
    const events = [ev('1', 'message'), ev('2', 'request'), ev('3', 'booking')];
    expect(notificationsFor(events, 'focused').map((n) => n.title)).toEqual(['T 2']);
    expect(notificationsFor(events, 'hidden').map((n) => n.title)).toEqual(['T 1', 'T 2', 'T 3']);
    const many = notificationsFor([...events, ev('4', 'request'), ev('5', 'message')], 'hidden');
    expect(many).toHaveLength(3);
    expect(many[0]).toMatchObject({ title: '3 more updates in Handled Desk', route: '#/requests' });
  });

  it('the first look sets the start; later looks tell each event once; a failed look changes nothing', async () => {
    const answers: (Pulse | Error)[] = [
      { asOf: '2026-01-01T10:00:00.000Z', openRequests: 1, unreadMessages: 0, events: [] },
      { asOf: '2026-01-01T10:00:30.000Z', openRequests: 2, unreadMessages: 0, events: [ev('a', 'request')] },
      new Error('offline'),
      { asOf: '2026-01-01T10:01:30.000Z', openRequests: 2, unreadMessages: 1, events: [ev('a', 'request'), ev('b', 'message')] },
    ];
    const asked: (string | undefined)[] = [];
    const told: DeskNotification[] = [];
    const counts: number[] = [];
    const w = createActivityWatcher({
      fetchPulse: async (since) => {
        asked.push(since);
        const a = answers.shift()!;
        if (a instanceof Error) throw a;
        return a;
      },
      notify: (n) => told.push(n),
      onCounts: (c) => counts.push(c.requests + c.unread),
      attention: () => 'hidden',
    });
    expect(await w.tick()).toBe(true);
    expect(told).toEqual([]);
    expect(await w.tick()).toBe(true);
    expect(await w.tick()).toBe(false);
    expect(await w.tick()).toBe(true);
    expect(told.map((n) => n.title)).toEqual(['T a', 'T b']);
    expect(asked[0]).toBeUndefined();
    expect(asked[1]).toBe('2026-01-01T10:00:00.000Z');
    // Retried from the same point after the failure.
    expect(asked[3]).toBe(asked[2]);
    expect(counts).toEqual([1, 2, 3]);
  });
});
