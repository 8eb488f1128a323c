import { DomainError } from '@handled/core/errors';
import { maskContactDetails } from '@handled/core/contact-mask';
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
import { attachmentsByIds, insertAttachment, type AttachmentRow } from '../../repositories/attachments.ts';
import { findMessage } from '../../repositories/messages.ts';
import { insertMessageReport } from '../../repositories/message-reports.ts';
import { storePhoto } from '../attachments/photos.ts';
import { messagingSettings } from './messaging-settings.ts';
import { sendWindow } from './send-window.ts';
import { digestJob } from './digest.ts';
import { isErasedEmail } from '../accounts/erased.ts';

export interface MessagePhoto {
  id: string;
  /** Through the authorized file routes (the booking's two sides and operators). */
  url: string;
  thumbUrl: string | null;
  width: number | null;
  height: number | null;
}

export interface MessageItem {
  id: string;
  body: string;
  sentAt: string;
  mine: boolean;
  senderName: string;
  readAt: string | null;
  photo: MessagePhoto | null;
}

const photoOf = (a: AttachmentRow | undefined): MessagePhoto | null =>
  a
    ? {
        id: a.id,
        url: `/attachments/${a.id}`,
        thumbUrl: a.thumbKey ? `/attachments/${a.id}/thumb` : null,
        width: a.width,
        height: a.height,
      }
    : null;

/** The photos of these messages, by attachment id. */
async function photosFor(deps: ServiceDeps, rows: MessageRow[]) {
  const ids = rows.flatMap((m) => (m.attachmentId ? [m.attachmentId] : []));
  return new Map((await attachmentsByIds(deps.db, ids)).map((a) => [a.id, a]));
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

function itemOf(
  m: MessageRow,
  me: string,
  names: { clientId: string; clientName: string; providerName: string },
  photos: Map<string, AttachmentRow> = new Map(),
): MessageItem {
  return {
    photo: m.attachmentId ? photoOf(photos.get(m.attachmentId)) : null,
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
        lastMessage: m
          ? { body: m.body || (m.attachmentId ? 'Photo' : ''), sentAt: m.createdAt.toISOString(), mine: m.senderId === user.id }
          : null,
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
  const photos = await photosFor(deps, page.rows);
  const masking = await maskingFor(deps, b);
  return {
    bookingId: b.id,
    /** Phone numbers and email addresses are hidden in what is written until the booking is confirmed. */
    contactsMasked: masking,
    reference: b.reference,
    counterpartName: c.side === 'client' ? c.provider.displayName : c.client.name,
    title: c.category.name,
    startsAt: b.startsAt.toISOString(),
    timeZone: b.timeZone,
    status: b.status,
    canSend: window.canSend,
    reasonClosed: window.reasonClosed,
    closesAt: window.closesAt?.toISOString() ?? null,
    messages: page.rows.map((m) => itemOf(m, user.id, names, photos)),
    /** Pass the first message's id as `before` to read further back. */
    hasOlder: page.hasOlder,
  };
}

/** A booking not yet confirmed: its messages hide contact details (when the operators' setting says so). */
const UNCONFIRMED: ReadonlySet<string> = new Set(['requested', 'accepted', 'declined', 'expired']);

async function maskingFor(deps: ServiceDeps, b: BookingWithParties['booking']): Promise<boolean> {
  return UNCONFIRMED.has(b.status) && (await messagingSettings(deps.db)).maskContactsBeforeConfirmed;
}

/**
 * Writes a message (with a photo already stored, or not) and, in the same transaction, schedules the
 * other side's notification: one delayed digest per burst (see `digestJob`), so a burst of messages is
 * one email. Before the booking is confirmed, phone numbers and email addresses are replaced (an
 * operator setting, on by default) — in what is stored, so no channel ever carries them.
 */
async function writeMessage(
  deps: ServiceDeps,
  user: SessionUser,
  c: BookingWithParties & { side: 'client' | 'provider' },
  body: string,
  photo: Parameters<typeof insertAttachment>[1] | null,
): Promise<{ message: MessageItem; masked: number }> {
  const b = c.booking;
  const now = deps.now();
  const window = windowOf(c, now);
  if (!window.canSend) throw new DomainError('FORBIDDEN', window.reasonClosed ?? 'This conversation is closed.');
  const mask = (await maskingFor(deps, b)) ? maskContactDetails(body, b.address.country) : { text: body, masked: 0 };
  const recipientId = c.side === 'client' ? b.providerId : b.clientId;
  const { row, attachment } = await deps.db.transaction(async (tx) => {
    if ((await countSentSince(tx, b.id, user.id, new Date(now.getTime() - 60_000))) >= MAX_PER_MINUTE)
      throw new DomainError('RATE_LIMITED', 'You are sending messages very fast. Wait a minute and try again.');
    const attachment = photo ? await insertAttachment(tx, photo) : null;
    const inserted = await insertMessage(tx, {
      bookingId: b.id,
      senderId: user.id,
      body: mask.text,
      createdAt: now,
      ...(attachment ? { attachmentId: attachment.id } : {}),
    });
    const [burstStart] = await undigestedUnread(tx, b.id, recipientId);
    await enqueue(tx, digestJob(b.id, recipientId, burstStart?.id ?? inserted.id, now), now);
    return { row: inserted, attachment };
  });
  const photos = new Map(attachment ? [[attachment.id, attachment]] : []);
  return { message: itemOf(row, user.id, namesOf(c), photos), masked: mask.masked };
}

export async function sendMessage(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; body: string },
): Promise<{ message: MessageItem; masked: number }> {
  const c = await loadConversation(deps, user, input.bookingId);
  return writeMessage(deps, user, c, input.body, null);
}

/**
 * A photo message: checked and re-encoded by the upload pipeline (type from the bytes, size, EXIF and
 * GPS stripped, a thumbnail) before anything is stored, then the message and its attachment in one
 * transaction; if that fails the stored files are removed. The caption is optional.
 */
export async function sendPhotoMessage(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; body: string; bytes: Uint8Array; maxBytes?: number },
): Promise<{ message: MessageItem; masked: number }> {
  const c = await loadConversation(deps, user, input.bookingId);
  const window = windowOf(c, deps.now());
  if (!window.canSend) throw new DomainError('FORBIDDEN', window.reasonClosed ?? 'This conversation is closed.');
  const caption = input.body.trim();
  if (caption.length > 2000) throw new DomainError('INVALID_INPUT', 'Keep the caption under 2,000 characters.', { field: 'body' });
  if (/<\s*\/?\s*[a-z][^>]*>/i.test(caption))
    throw new DomainError('INVALID_INPUT', 'Messages are plain text: please remove the <tags>', { field: 'body' });
  return storePhoto(deps.storage, input, `bookings/${c.booking.id}/messages/`, (photo) =>
    writeMessage(deps, user, c, caption, {
      ...photo,
      bookingId: c.booking.id,
      uploaderId: user.id,
      kind: 'message',
      createdAt: deps.now(),
    }),
  );
}

/**
 * One side reports the other's message to the operators (abuse, spam, asking to pay outside): stored
 * once per person and message for the operator console (`messages.reports`). One's own message
 * cannot be reported.
 */
export async function reportMessage(deps: ServiceDeps, user: SessionUser, input: { messageId: string; reason: string }) {
  const m = await findMessage(deps.db, input.messageId);
  if (!m) throw new DomainError('NOT_FOUND', 'We could not find that message.');
  await loadConversation(deps, user, m.bookingId).catch(() => {
    throw new DomainError('NOT_FOUND', 'We could not find that message.');
  });
  if (m.senderId === user.id) throw new DomainError('INVALID_INPUT', 'You cannot report your own message.');
  const { report, created } = await insertMessageReport(deps.db, {
    messageId: m.id,
    bookingId: m.bookingId,
    reporterId: user.id,
    reason: input.reason,
    createdAt: deps.now(),
  });
  return { reportId: report.id, alreadyReported: !created };
}

export async function markThreadRead(deps: ServiceDeps, user: SessionUser, input: { bookingId: string }) {
  await loadConversation(deps, user, input.bookingId);
  return { updated: await markReadFor(deps.db, input.bookingId, user.id, deps.now()) };
}

export async function unreadCount(deps: ServiceDeps, user: SessionUser) {
  return { unread: await unreadFor(deps.db, user.id) };
}
