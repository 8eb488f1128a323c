import { DomainError } from '@handled/core/errors';
import { maskContactDetails } from '@handled/core/contact-mask';
import { booksAsClient, type SessionUser } from '../../context.ts';
import { findProvider } from '../../repositories/providers.ts';
import {
  countEnquiryMessagesSince,
  enquiriesOf,
  enquiryMessagesOf,
  enquiryParties,
  insertEnquiryMessage,
  markEnquiryRead,
  touchEnquiry,
  upsertEnquiry,
  type EnquiryMessageRow,
} from '../../repositories/enquiries.ts';
import type { DbOrTx } from '@handled/db';
import type { ServiceDeps } from '../deps.ts';
import { notify } from '../notifications/service.ts';
import { languageOf, translator, type MessageKey } from '../notifications/i18n/index.ts';
import { languagesOf } from '../../repositories/notification-delivery.ts';
import { isErasedEmail } from '../accounts/erased.ts';
import { messagingSettings } from './messaging-settings.ts';

/** A flood brake across all of a person's enquiries. */
const MAX_PER_MINUTE = 20;

const notFound = () => new DomainError('NOT_FOUND', 'We could not find that conversation.');

async function loadEnquiry(deps: ServiceDeps, user: SessionUser, enquiryId: string) {
  const found = await enquiryParties(deps.db, enquiryId);
  const side = found?.enquiry.clientId === user.id ? 'client' : found?.enquiry.providerId === user.id ? 'provider' : null;
  if (!found || !side) throw notFound();
  return { ...found, side } as const;
}

function itemOf(m: EnquiryMessageRow, me: string, names: { clientId: string; clientName: string; providerName: string }) {
  return {
    id: m.id,
    body: m.body,
    sentAt: m.createdAt.toISOString(),
    mine: m.senderId === me,
    senderName: m.senderId === names.clientId ? names.clientName : names.providerName,
    readAt: m.readAt?.toISOString() ?? null,
  };
}

/** There is no booking yet: contact details are always hidden here while the operators' setting is on. */
async function masked(deps: ServiceDeps, body: string) {
  return (await messagingSettings(deps.db)).maskContactsBeforeConfirmed ? maskContactDetails(body) : { text: body, masked: 0 };
}

async function write(
  deps: ServiceDeps,
  user: SessionUser,
  enquiryId: string | null,
  providerId: string,
  categoryId: string | null,
  body: string,
  /** Tells the other side, in the same transaction (so a message that is not written tells no one). */
  tell: (tx: DbOrTx, enquiryId: string, message: EnquiryMessageRow, now: Date) => Promise<void>,
) {
  const now = deps.now();
  const text = await masked(deps, body);
  const { enquiry, message } = await deps.db.transaction(async (tx) => {
    if ((await countEnquiryMessagesSince(tx, user.id, new Date(now.getTime() - 60_000))) >= MAX_PER_MINUTE)
      throw new DomainError('RATE_LIMITED', 'You are sending messages very fast. Wait a minute and try again.');
    const enquiry = enquiryId ? { id: enquiryId } : await upsertEnquiry(tx, { clientId: user.id, providerId, categoryId, at: now });
    if (enquiryId) await touchEnquiry(tx, enquiryId, now);
    const message = await insertEnquiryMessage(tx, { enquiryId: enquiry.id, senderId: user.id, body: text.text, createdAt: now });
    await tell(tx, enquiry.id, message, now);
    return { enquiry, message };
  });
  return { enquiryId: enquiry.id, message, masked: text.masked };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * One enquiry message to the other side, through the notification service like every message
 * event: the in-app row at once, then email, push, Telegram (and SMS only when the person turned
 * texts on for messages) by their preferences and quiet hours. The provider's link opens the desk's
 * Messages (where enquiries are answered); the client's, the conversation on the site.
 */
function tellAbout(
  deps: ServiceDeps,
  to: { userId: string; side: 'client' | 'provider' },
  heading: { key: Extract<MessageKey, 'enquiry.asked' | 'enquiry.answered'>; name: string },
): (tx: DbOrTx, enquiryId: string, message: EnquiryMessageRow, now: Date) => Promise<void> {
  return async (tx, enquiryId, message, now) => {
    // In the reader's language.
    const { t } = translator(languageOf((await languagesOf(tx, [to.userId])).get(to.userId)));
    const title = t(heading.key, { name: heading.name });
    const link =
      to.side === 'provider'
        ? `${deps.config.deskUrl.replace(/\/$/, '')}/#/messages`
        : `${deps.config.webUrl.replace(/\/$/, '')}/messages/enquiries/${enquiryId}`;
    const body = clip(message.body, 300);
    await notify(
      tx,
      {
        key: `enquiry.message:${message.id}`,
        userId: to.userId,
        group: 'messages',
        title,
        body,
        link,
        sms: t('enquiry.sms', { title, text: clip(message.body, 120), link }),
      },
      now,
    );
  };
}

/**
 * A client's question to a provider from the provider's page, before any booking: one conversation
 * per client and provider (asking again adds to it). The provider hears of it on the channels their
 * preferences choose for messages (the notification centre at once) and, open, live.
 */
export async function askProvider(
  deps: ServiceDeps,
  user: SessionUser,
  input: { provider: string; body: string; category?: string | undefined },
) {
  if (!booksAsClient(user)) throw new DomainError('FORBIDDEN', 'Questions to providers are asked from a client account.');
  const p = await findProvider(deps.db, input.provider);
  if (!p || p.listingStatus !== 'approved') throw new DomainError('NOT_FOUND', 'We could not find that provider.');
  if (p.userId === user.id) throw new DomainError('INVALID_INPUT', 'You cannot send a question to yourself.');
  const heading = { key: 'enquiry.asked', name: user.name.split(' ')[0] ?? user.name } as const;
  const out = await write(deps, user, null, p.userId, null, input.body, tellAbout(deps, { userId: p.userId, side: 'provider' }, heading));
  return { enquiryId: out.enquiryId, masked: out.masked };
}

export async function replyToEnquiry(deps: ServiceDeps, user: SessionUser, input: { enquiryId: string; body: string }) {
  const c = await loadEnquiry(deps, user, input.enquiryId);
  if (isErasedEmail(c.clientEmail))
    throw new DomainError('FORBIDDEN', 'This person deleted their account, so this conversation is closed.');
  const to =
    c.side === 'client'
      ? ({ userId: c.enquiry.providerId, side: 'provider' } as const)
      : ({ userId: c.enquiry.clientId, side: 'client' } as const);
  const heading = { key: 'enquiry.answered', name: c.side === 'client' ? c.clientName : c.providerName } as const;
  const out = await write(deps, user, c.enquiry.id, c.enquiry.providerId, null, input.body, tellAbout(deps, to, heading));
  const names = { clientId: c.enquiry.clientId, clientName: c.clientName, providerName: c.providerName };
  return { message: itemOf(out.message, user.id, names), masked: out.masked };
}

export async function listEnquiries(deps: ServiceDeps, user: SessionUser) {
  const rows = await enquiriesOf(deps.db, user.id, 100);
  return {
    enquiries: rows.map((r) => ({
      enquiryId: r.enquiry.id,
      counterpartName: r.enquiry.clientId === user.id ? r.providerName : r.clientName,
      providerSlug: r.providerSlug,
      lastMessageAt: r.enquiry.lastMessageAt.toISOString(),
      lastBody: r.lastBody,
      unread: r.unread,
    })),
  };
}

/** The conversation; opening it reads what the other side wrote. */
export async function getEnquiry(deps: ServiceDeps, user: SessionUser, input: { enquiryId: string }) {
  const c = await loadEnquiry(deps, user, input.enquiryId);
  await markEnquiryRead(deps.db, c.enquiry.id, user.id, deps.now());
  const names = { clientId: c.enquiry.clientId, clientName: c.clientName, providerName: c.providerName };
  const rows = await enquiryMessagesOf(deps.db, c.enquiry.id, 200);
  return {
    enquiryId: c.enquiry.id,
    side: c.side,
    counterpartName: c.side === 'client' ? c.providerName : c.clientName,
    providerSlug: c.providerSlug,
    contactsMasked: (await messagingSettings(deps.db)).maskContactsBeforeConfirmed,
    messages: rows.map((m) => itemOf(m, user.id, names)),
  };
}
