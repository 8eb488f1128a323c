import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { bookingWithParties, type BookingWithParties } from '../../repositories/bookings.ts';
import {
  conversationsOf,
  countSentSince,
  insertMessage,
  markReadFor,
  messagePage,
  messagesByIds,
  undigestedUnread,
  unreadFor,
  type MessageRow,
} from '../../repositories/messages.ts';
import { sendWindow } from './send-window.ts';
import { digestJob } from './digest.ts';
import { isErasedEmail } from '../accounts/erased.ts';

export interface MessageItem {
  id: string;
  body: string;
  sentAt: string;
  mine: boolean;
  senderName: string;
  readAt: string | null;
}

/** Bookings that can still take a first message show up in the inbox before anyone has written. */
const LIVE_STATUSES = ['requested', 'accepted', 'confirmed', 'in_progress', 'disputed'] as const;
/** A flood brake: more than this many messages from one person in one booking per minute is refused. */
const MAX_PER_MINUTE = 20;

/**
 * Only the booking's client and its provider take part. Anyone else (an admin included: disputes
 * have their own tools) is told the booking does not exist, as everywhere else in the API.
 */
async function loadConversation(
  deps: ServiceDeps,
  user: SessionUser,
  bookingId: string,
): Promise<BookingWithParties & { side: 'client' | 'provider' }> {
  const found = await bookingWithParties(deps.db, bookingId);
  const side = found?.booking.clientId === user.id ? 'client' : found?.booking.providerId === user.id ? 'provider' : null;
  if (!found || !side) throw new DomainError('NOT_FOUND', 'We could not find that conversation.');
  return { ...found, side };
}

/** Someone who deleted their account is not written to: the conversation stays readable, closed. */
function windowOf(c: BookingWithParties & { side: 'client' | 'provider' }, now: Date) {
  const other = c.side === 'client' ? c.provider.email : c.client.email;
  if (isErasedEmail(other))
    return { canSend: false, reasonClosed: 'This person deleted their account, so this conversation is closed.', closesAt: null };
  return sendWindow(c.booking, now);
}

const namesOf = (c: BookingWithParties) => ({
  clientId: c.booking.clientId,
  clientName: c.client.name,
  providerName: c.provider.displayName,
});

function itemOf(m: MessageRow, me: string, names: { clientId: string; clientName: string; providerName: string }): MessageItem {
  return {
    id: m.id,
    body: m.body,
    sentAt: m.createdAt.toISOString(),
    mine: m.senderId === me,
    senderName: m.senderId === names.clientId ? names.clientName : names.providerName,
    readAt: m.readAt?.toISOString() ?? null,
  };
}

export async function listThreads(deps: ServiceDeps, user: SessionUser, input: { limit?: number | undefined }) {
  const rows = await conversationsOf(deps.db, user.id, LIVE_STATUSES, input.limit ?? 50);
  const last = new Map(
    (
      await messagesByIds(
        deps.db,
        rows.flatMap((r) => (r.lastMessageId ? [r.lastMessageId] : [])),
      )
    ).map((m) => [m.id, m]),
  );
  return {
    threads: rows.map(({ booking: b, client, provider, category, ...r }) => {
      const m = r.lastMessageId ? last.get(r.lastMessageId) : undefined;
      return {
        bookingId: b.id,
        reference: b.reference,
        counterpartName: b.clientId === user.id ? provider.displayName : client.name,
        title: category.name,
        startsAt: b.startsAt.toISOString(),
        timeZone: b.timeZone,
        status: b.status,
        lastMessage: m ? { body: m.body, sentAt: m.createdAt.toISOString(), mine: m.senderId === user.id } : null,
        unread: r.unread,
      };
    }),
  };
}

export async function getThread(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; before?: string | undefined; limit?: number | undefined },
) {
  const c = await loadConversation(deps, user, input.bookingId);
  const b = c.booking;
  const page = await messagePage(deps.db, b.id, input.limit ?? 100, input.before);
  const window = windowOf(c, deps.now());
  const names = namesOf(c);
  return {
    bookingId: b.id,
    reference: b.reference,
    counterpartName: c.side === 'client' ? c.provider.displayName : c.client.name,
    title: c.category.name,
    startsAt: b.startsAt.toISOString(),
    timeZone: b.timeZone,
    status: b.status,
    canSend: window.canSend,
    reasonClosed: window.reasonClosed,
    closesAt: window.closesAt?.toISOString() ?? null,
    messages: page.rows.map((m) => itemOf(m, user.id, names)),
    /** Pass the first message's id as `before` to read further back. */
    hasOlder: page.hasOlder,
  };
}

/**
 * Writes a message and, in the same transaction, schedules the other side's notification: one
 * delayed digest per burst (see `digestJob`), so a burst of messages is one email.
 * Phone numbers and email addresses are left in messages as written (no masking yet).
 */
export async function sendMessage(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; body: string },
): Promise<{ message: MessageItem }> {
  const c = await loadConversation(deps, user, input.bookingId);
  const b = c.booking;
  const now = deps.now();
  const window = windowOf(c, now);
  if (!window.canSend) throw new DomainError('FORBIDDEN', window.reasonClosed ?? 'This conversation is closed.');
  const recipientId = c.side === 'client' ? b.providerId : b.clientId;
  const row = await deps.db.transaction(async (tx) => {
    if ((await countSentSince(tx, b.id, user.id, new Date(now.getTime() - 60_000))) >= MAX_PER_MINUTE)
      throw new DomainError('RATE_LIMITED', 'You are sending messages very fast. Wait a minute and try again.');
    const inserted = await insertMessage(tx, { bookingId: b.id, senderId: user.id, body: input.body, createdAt: now });
    const [burstStart] = await undigestedUnread(tx, b.id, recipientId);
    await enqueue(tx, digestJob(b.id, recipientId, burstStart?.id ?? inserted.id, now), now);
    return inserted;
  });
  return { message: itemOf(row, user.id, namesOf(c)) };
}

export async function markThreadRead(deps: ServiceDeps, user: SessionUser, input: { bookingId: string }) {
  await loadConversation(deps, user, input.bookingId);
  return { updated: await markReadFor(deps.db, input.bookingId, user.id, deps.now()) };
}

export async function unreadCount(deps: ServiceDeps, user: SessionUser) {
  return { unread: await unreadFor(deps.db, user.id) };
}
