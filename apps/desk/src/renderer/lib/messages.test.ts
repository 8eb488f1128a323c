import { describe, expect, it } from 'vitest';
import {
  badgeCount,
  checkDraft,
  composerKey,
  firstUnreadId,
  groupByDay,
  jobStart,
  markTheirsRead,
  mergePages,
  MAX_MESSAGE_LENGTH,
  messageDayLabel,
  threadStamp,
  type ThreadMessage,
} from './messages.ts';

const NY = 'America/New_York';
const msg = (
  id: string,
  sentAt: string,
  mine = false,
  readAt: string | null = null,
  senderName = mine ? 'Sam' : 'Maya',
): ThreadMessage => ({
  id,
  body: `body ${id}`,
  sentAt,
  mine,
  senderName,
  readAt,
});

describe('grouping a thread by day', () => {
  // 2026-11-24 15:00 in New York.
  const now = new Date('2026-11-24T20:00:00Z');

  it('splits at midnight in the provider’s zone, not in UTC', () => {
    // 03:30 UTC on the 24th is still the 23rd (22:30) in New York.
    const groups = groupByDay(
      [msg('a', '2026-11-23T15:00:00Z'), msg('b', '2026-11-24T03:30:00Z'), msg('c', '2026-11-24T14:00:00Z')],
      NY,
      now,
    );
    expect(groups.map((g) => [g.date, g.label, g.messages.map((m) => m.message.id)])).toEqual([
      ['2026-11-23', 'Yesterday', ['a', 'b']],
      ['2026-11-24', 'Today', ['c']],
    ]);
    // The same messages seen from UTC fall on other days.
    expect(groupByDay([msg('b', '2026-11-24T03:30:00Z')], 'UTC', now)[0]?.label).toBe('Today');
  });

  it('starts (and ends) a run when the sender changes, after a pause, and on a new day', () => {
    const groups = groupByDay(
      [
        msg('a', '2026-11-24T14:00:00Z'),
        msg('b', '2026-11-24T14:01:00Z'),
        msg('c', '2026-11-24T14:02:00Z', true),
        msg('d', '2026-11-24T14:30:00Z', true),
        msg('e', '2026-11-25T14:31:00Z', true),
      ],
      NY,
      now,
    );
    expect(groups.flatMap((g) => g.messages.map((m) => `${m.startsRun ? '[' : ''}${m.message.id}${m.endsRun ? ']' : ''}`))).toEqual([
      '[a',
      'b]',
      '[c]',
      '[d]',
      '[e]',
    ]);
  });

  it('is empty for no messages', () => {
    expect(groupByDay([], NY, now)).toEqual([]);
  });
});

describe('dates and times in the provider’s zone', () => {
  const now = new Date('2026-11-24T20:00:00Z');
  it('labels days: today, yesterday, a weekday and date, the year only when it differs', () => {
    expect(messageDayLabel('2026-11-24', NY, now)).toBe('Today');
    expect(messageDayLabel('2026-11-23', NY, now)).toBe('Yesterday');
    expect(messageDayLabel('2026-11-02', NY, now)).toBe('Monday, November 2');
    expect(messageDayLabel('2025-12-31', NY, now)).toBe('Wednesday, December 31, 2025');
  });
  it('names the job’s start in its own zone', () => {
    expect(jobStart('2026-11-26T15:00:00Z', NY)).toBe('Thu, Nov 26 · 10:00 AM EST');
  });
  it('stamps inbox rows by how long ago', () => {
    expect(threadStamp('2026-11-24T14:00:00Z', NY, now)).toBe('9:00 AM');
    expect(threadStamp('2026-11-23T14:00:00Z', NY, now)).toBe('Yesterday');
    expect(threadStamp('2026-11-20T14:00:00Z', NY, now)).toBe('Fri');
    expect(threadStamp('2026-10-01T14:00:00Z', NY, now)).toBe('Oct 1');
    expect(threadStamp('2025-10-01T14:00:00Z', NY, now)).toBe('Oct 1, 2025');
  });
});

describe('unread', () => {
  it('finds the first message from the client not yet read, never one of mine', () => {
    const read = '2026-11-24T15:00:00Z';
    expect(firstUnreadId([msg('a', read, false, read), msg('b', read, true), msg('c', read), msg('d', read)])).toBe('c');
    expect(firstUnreadId([msg('a', read, true), msg('b', read, false, read)])).toBeNull();
  });
  it('counts the client’s messages read at once after marking, leaving mine alone', () => {
    const list = [
      msg('a', '2026-11-24T14:00:00Z'),
      msg('b', '2026-11-24T14:01:00Z', true),
      msg('c', '2026-11-24T14:02:00Z', false, '2026-11-24T14:03:00Z'),
    ];
    markTheirsRead(list, '2026-11-24T15:00:00Z');
    expect(list.map((m) => m.readAt)).toEqual(['2026-11-24T15:00:00Z', null, '2026-11-24T14:03:00Z']);
    expect(firstUnreadId(list)).toBeNull();
  });
  it('caps badges at 99+', () => {
    expect(badgeCount(3)).toBe('3');
    expect(badgeCount(100)).toBe('99+');
  });
});

describe('paging back', () => {
  it('puts earlier pages first and keeps each message once when the newest page overlaps them', () => {
    const t = '2026-11-24T14:00:00Z';
    expect(mergePages([], [msg('c', t)]).map((m) => m.id)).toEqual(['c']);
    expect(mergePages([msg('a', t), msg('b', t)], [msg('b', t), msg('c', t)]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('the composer', () => {
  const key = (k: string, mods: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'isComposing', boolean>> = {}) => ({
    key: k,
    shiftKey: false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    isComposing: false,
    ...mods,
  });
  it('sends on Enter, breaks the line on Shift+Enter and while an IME composes', () => {
    expect(composerKey(key('Enter'))).toBe('send');
    expect(composerKey(key('Enter', { ctrlKey: true }))).toBe('send');
    expect(composerKey(key('Enter', { shiftKey: true }))).toBe('newline');
    expect(composerKey(key('Enter', { isComposing: true }))).toBe('newline');
    expect(composerKey(key('a'))).toBeNull();
  });
  it('trims the draft and refuses empty or over-long messages', () => {
    expect(checkDraft('  hello \n')).toEqual({ ok: true, body: 'hello' });
    expect(checkDraft(' \n\t ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkDraft('x'.repeat(MAX_MESSAGE_LENGTH))).toMatchObject({ ok: true });
    const long = checkDraft('x'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect(long).toMatchObject({ ok: false, reason: 'too-long' });
    expect(long.ok ? '' : long.message).toContain('2,001');
  });
});
