import { DAY_MS } from '@handled/core/durations';
import { formatDay, formatTime, localDate, todayIn } from '@handled/core/time-in-zone';

/** "Today", "Yesterday", or "Thu, Jun 11" — in the viewer's zone. */
export function dayLabel(iso: string, zone: string, now: Date = new Date()): string {
  const day = localDate(iso, zone);
  if (day === todayIn(zone, now)) return 'Today';
  if (day === todayIn(zone, new Date(now.getTime() - DAY_MS))) return 'Yesterday';
  return formatDay(iso, zone);
}

/** Messages under a heading per day, in the order given (oldest first). */
export function groupByDay<T extends { sentAt: string }>(
  items: T[],
  zone: string,
  now: Date = new Date(),
): { key: string; label: string; items: T[] }[] {
  const groups: { key: string; label: string; items: T[] }[] = [];
  for (const item of items) {
    const key = localDate(item.sentAt, zone);
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, label: dayLabel(item.sentAt, zone, now), items: [item] });
  }
  return groups;
}

/** Inbox time: "10:04 AM" today, "Yesterday", "Thu, Jun 11" before. */
export function inboxTime(iso: string, zone: string, now: Date = new Date()): string {
  const label = dayLabel(iso, zone, now);
  return label === 'Today' ? formatTime(iso, zone) : label;
}

/** One line of the last message for the inbox: "You: See you then". */
export function preview(last: { body: string; mine: boolean } | null, max = 90): string {
  if (!last) return 'No messages yet — say hello.';
  const text = last.body.replace(/\s+/g, ' ').trim();
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return last.mine ? `You: ${clipped}` : clipped;
}
