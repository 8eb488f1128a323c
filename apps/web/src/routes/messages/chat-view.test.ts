import { describe, expect, it } from 'vitest';
import { dayLabel, groupByDay, inboxTime, preview } from './chat-view.ts';

// 2026-06-11 14:00 UTC = 10:00 AM in New York (EDT), already June 12 in Auckland.
const now = new Date('2026-06-11T14:00:00Z');

describe('chat view', () => {
  it('labels days in the viewer’s zone, not UTC', () => {
    expect(dayLabel('2026-06-11T03:30:00Z', 'America/New_York', now)).toBe('Yesterday'); // 11:30 PM on the 10th there
    expect(dayLabel('2026-06-11T03:30:00Z', 'UTC', now)).toBe('Today');
    expect(dayLabel('2026-06-08T15:00:00Z', 'America/New_York', now)).toBe('Mon, Jun 8');
  });

  it('groups consecutive messages by local day, keeping their order', () => {
    const msgs = [
      { id: 'a', sentAt: '2026-06-10T22:00:00Z' },
      { id: 'b', sentAt: '2026-06-11T03:59:00Z' },
      { id: 'c', sentAt: '2026-06-11T04:01:00Z' },
      { id: 'd', sentAt: '2026-06-11T13:00:00Z' },
    ];
    const groups = groupByDay(msgs, 'America/New_York', now);
    expect(groups.map((g) => [g.label, g.items.map((m) => m.id).join('')])).toEqual([
      ['Yesterday', 'ab'],
      ['Today', 'cd'],
    ]);
  });

  it('shows a time for today and a day before that in the inbox', () => {
    expect(inboxTime('2026-06-11T13:05:00Z', 'America/New_York', now)).toBe('9:05 AM');
    expect(inboxTime('2026-06-11T13:05:00Z', 'Pacific/Auckland', now)).toBe('1:05 AM');
    expect(inboxTime('2026-06-09T13:05:00Z', 'America/New_York', now)).toBe('Tue, Jun 9');
  });

  it('previews the last message on one line, marked when it is yours', () => {
    expect(preview({ body: 'See you\n\nthen', mine: true })).toBe('You: See you then');
    expect(preview({ body: 'x'.repeat(200), mine: false }, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(preview(null)).toMatch(/No messages yet/);
  });
});
