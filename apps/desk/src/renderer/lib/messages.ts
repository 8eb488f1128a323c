import { formatCalendarDate } from '@handled/core/calendar-date';
import { DAY_MS } from '@handled/core/durations';
import { formatDay, formatInZone, formatTime, localDate } from '@handled/core/time-in-zone';

/** The API's longest message (`messages.send` refuses more). */
export const MAX_MESSAGE_LENGTH = 2000;

/** What the thread view needs of a message (the shape `messages.thread` returns). */
export interface ThreadMessage {
  id: string;
  body: string;
  sentAt: string;
  mine: boolean;
  senderName: string;
  readAt: string | null;
}

export interface DayGroup<M extends ThreadMessage = ThreadMessage> {
  /** "YYYY-MM-DD" in the zone the thread is shown in. */
  date: string;
  label: string;
  messages: {
    message: M;
    /** first of a run by one sender: show the name and leave a gap */
    startsRun: boolean;
    /** last of its run: show the time under it */
    endsRun: boolean;
  }[];
}

/** Whole days from `a` to `b`, both "YYYY-MM-DD". */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** "Today", "Yesterday", "Monday, November 23", or with the year when it is not this year. */
export function messageDayLabel(date: string, zone: string, now: Date): string {
  const today = localDate(now, zone);
  const ago = daysBetween(date, today);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  return formatCalendarDate(date, date.slice(0, 4) === today.slice(0, 4) ? 'long' : 'long-year');
}

/** "Thu, Nov 26 · 10:00 AM EST": when the job starts, in the job's zone (named, the provider may be elsewhere). */
export function jobStart(iso: string, zone: string): string {
  return `${formatDay(iso, zone)} · ${formatInZone(iso, zone, 'time-zone')}`;
}

/** For the inbox: the time today, "Yesterday", the weekday within a week, else "Nov 12" (with the year when not this year). */
export function threadStamp(iso: string, zone: string, now: Date): string {
  const day = localDate(iso, zone);
  const today = localDate(now, zone);
  const ago = daysBetween(day, today);
  if (ago <= 0) return formatTime(iso, zone);
  if (ago === 1) return 'Yesterday';
  if (ago < 7) return formatInZone(iso, zone, 'weekday');
  return formatInZone(iso, zone, day.slice(0, 4) === today.slice(0, 4) ? 'month-day' : 'date');
}

/** A new run starts when the sender changes or after this long a pause. */
const RUN_GAP_MS = 5 * 60_000;

/** Messages (oldest first) grouped by their day in `zone`, each marked when it starts a run by one sender. */
export function groupByDay<M extends ThreadMessage>(messages: readonly M[], zone: string, now: Date): DayGroup<M>[] {
  const groups: DayGroup<M>[] = [];
  let prev: M | undefined;
  for (const message of messages) {
    const date = localDate(message.sentAt, zone);
    let group = groups.at(-1);
    if (!group || group.date !== date) {
      group = { date, label: messageDayLabel(date, zone, now), messages: [] };
      groups.push(group);
      prev = undefined;
    }
    const startsRun =
      !prev ||
      prev.mine !== message.mine ||
      prev.senderName !== message.senderName ||
      Date.parse(message.sentAt) - Date.parse(prev.sentAt) > RUN_GAP_MS;
    const last = group.messages.at(-1);
    if (last && !startsRun) last.endsRun = false;
    group.messages.push({ message, startsRun, endsRun: true });
    prev = message;
  }
  return groups;
}

/** The first message from the other side that was unread when the thread was opened: the "New" divider goes before it. */
export function firstUnreadId(messages: readonly ThreadMessage[]): string | null {
  return messages.find((m) => !m.mine && m.readAt === null)?.id ?? null;
}

/** Earlier pages joined to the newest one, oldest first, each message once (a poll may overlap what was paged in). */
export function mergePages<M extends ThreadMessage>(older: readonly M[], page: readonly M[]): M[] {
  if (older.length === 0) return [...page];
  const inPage = new Set(page.map((m) => m.id));
  return [...older.filter((m) => !inPage.has(m.id)), ...page];
}

/** After `markRead`: the other side's messages count as read from `at`, at once, without waiting for a poll. */
export function markTheirsRead(messages: ThreadMessage[], at: string = new Date().toISOString()): void {
  for (const m of messages) if (!m.mine && m.readAt === null) m.readAt = at;
}

/** True when the other side wrote something the provider has not read yet. */
export function hasUnread(messages: readonly ThreadMessage[]): boolean {
  return firstUnreadId(messages) !== null;
}

export type DraftCheck = { ok: true; body: string } | { ok: false; reason: 'empty' | 'too-long'; message: string };

/** The composer's text as it will be sent: trimmed, not empty, within the limit. */
export function checkDraft(text: string): DraftCheck {
  const body = text.trim();
  if (!body) return { ok: false, reason: 'empty', message: 'Write a message first.' };
  if (body.length > MAX_MESSAGE_LENGTH) {
    return {
      ok: false,
      reason: 'too-long',
      message: `Messages can be up to ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters; this one has ${body.length.toLocaleString('en-US')}.`,
    };
  }
  return { ok: true, body };
}

/** What a key press in the composer does: Enter sends, Shift+Enter (or Enter while an IME is composing) is a new line. */
export function composerKey(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'isComposing'>,
): 'send' | 'newline' | null {
  if (e.key !== 'Enter') return null;
  if (e.isComposing || e.shiftKey || e.altKey) return 'newline';
  return 'send';
}

/** "3", or "99+" past that, for badges. */
export function badgeCount(n: number): string {
  return n > 99 ? '99+' : String(n);
}
