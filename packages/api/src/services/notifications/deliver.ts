import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { escapeHtml } from '@handled/core/html';
import { resolveNotificationChoices, type NotificationChannel, type NotificationGroup } from '@handled/core/notification-choices';
import { TelegramRefused, type TelegramButton } from '@handled/integrations/telegram';
import { SmsRefused } from '@handled/integrations/sms';
import type { EmailMessage } from '@handled/integrations/email';
import { insertNotification } from '../../repositories/notifications.ts';
import {
  insertPendingNotification,
  markChannel,
  notificationByExternalId,
  notificationOn,
  recipientOf,
  removePushEndpoint,
  updateNotification,
  type NotificationRow,
  type RecipientRecord,
} from '../../repositories/notification-delivery.ts';
import { unlinkTelegram } from '../../repositories/telegram-links.ts';
import { isErasedEmail } from '../accounts/erased.ts';
import type { ServiceDeps } from '../deps.ts';
import { translator, type Language } from './i18n/index.ts';
import { renderEmail } from './layout.ts';
import { quietHoursEnd } from './quiet-hours.ts';

export type EventGroup = NotificationGroup | 'safety';
export type Channel = NotificationChannel;
export const E164 = /^\+[1-9]\d{6,14}$/;

/** One message to one person, before the channels: what each channel needs to say it. */
export interface OutgoingMessage {
  /** Names the message: the same key to the same person is delivered once per channel. */
  key: string;
  userId: string;
  bookingId?: string | null;
  group: EventGroup;
  /** Safety: every reachable channel, whatever the preferences and quiet hours. */
  urgent?: boolean;
  title: string;
  body: string;
  link?: string | null;
  /** The language title and body are written in: the words this layer adds (the email's greeting and footer, the SMS prefix) follow it. The recipient's own (`user.language`) when not given. */
  language?: Language;
  /** The email as rendered by the caller (the booking layout); else the layout around title and body. */
  email?: Omit<EmailMessage, 'to' | 'idempotencyKey'>;
  /** The text message; null or absent: this message is not one for SMS (unless urgent). */
  sms?: string | null;
  telegram?: { html: string; buttons?: TelegramButton[][] };
  /** Only these channels (in-app is always written). */
  channels?: Channel[];
}

const CHANNELS: Channel[] = ['email', 'sms', 'push', 'telegram'];

/** Signature of an unsubscribe link: the person and the group, keyed by the server's secret. */
export function unsubscribeSignature(secret: string, userId: string, group: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${group}`).digest('base64url');
}

export function checkUnsubscribeSignature(secret: string, userId: string, group: string, sig: string): boolean {
  const want = Buffer.from(unsubscribeSignature(secret, userId, group));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function unsubscribeUrl(deps: ServiceDeps, userId: string, group: EventGroup): string | undefined {
  const secret = deps.config.signingSecret;
  if (!secret || group === 'safety' || !deps.config.apiUrl) return undefined;
  const q = new URLSearchParams({ u: userId, g: group, s: unsubscribeSignature(secret, userId, group) });
  return `${deps.config.apiUrl}/notifications/unsubscribe?${q.toString()}`;
}

/** Why a channel cannot carry a message to this person now, or null when it can. */
function unreachable(p: RecipientRecord, channel: Channel, msg: OutgoingMessage, deps: ServiceDeps): string | null {
  const broken = (c: 'email' | 'sms', address: string) => p.states.some((s) => s.channel === c && s.address === address);
  switch (channel) {
    case 'email':
      return isErasedEmail(p.email) ? 'erased' : broken('email', p.email) ? 'bounced' : null;
    case 'sms':
      if (!deps.sms) return 'no sms sender';
      if (!p.phone || !E164.test(p.phone)) return 'no E.164 phone';
      if (!p.smsConsentAt) return 'no consent';
      if (broken('sms', p.phone)) return 'undeliverable or stopped';
      return msg.sms || msg.urgent ? null : 'not an SMS message';
    case 'push':
      return deps.push && p.pushes.length ? null : 'no subscription';
    case 'telegram':
      return deps.telegram && p.telegramChatId ? null : 'not linked';
  }
}

/** The channels this message goes out on: the person's choices for its group (all reachable ones when urgent), with a fallback when a wanted one is broken. */
export function channelsFor(p: RecipientRecord, msg: OutgoingMessage, deps: ServiceDeps): Channel[] {
  const allowed = msg.channels ?? CHANNELS;
  if (msg.urgent) return allowed.filter((c) => unreachable(p, c, msg, deps) === null);
  const choices = resolveNotificationChoices(p.choices);
  const wanted = allowed.filter((c) => msg.group !== 'safety' && choices[msg.group as NotificationGroup][c]);
  const chosen = wanted.filter((c) => unreachable(p, c, msg, deps) === null);
  // A wanted email or SMS that bounced goes out on another channel the person can be reached on.
  const lost = wanted.filter(
    (c) =>
      (c === 'email' || c === 'sms') &&
      !chosen.includes(c) &&
      ['bounced', 'undeliverable or stopped'].includes(unreachable(p, c, msg, deps) ?? ''),
  );
  if (lost.length) {
    const fallback = (['email', 'sms', 'telegram', 'push'] as Channel[]).find(
      (c) => !chosen.includes(c) && !lost.includes(c) && unreachable(p, c, { ...msg, sms: msg.sms ?? msg.title }, deps) === null,
    );
    if (fallback) chosen.push(fallback);
  }
  return chosen;
}

function smsText(msg: OutgoingMessage, p: RecipientRecord): string {
  const text = msg.sms ?? translator(msg.language ?? p.language).t('sms.generic', { title: msg.title, body: msg.body });
  const withLink = msg.link && !text.includes(msg.link) ? `${text} ${msg.link}` : text;
  return withLink.length > 600 ? `${withLink.slice(0, 597)}…` : withLink;
}

/**
 * Delivers one message to one person: the in-app row at once; then, unless quiet hours hold it
 * (returned as `deferredUntil`, for the caller to run again then), each channel the person's
 * preferences choose. A channel already written for this key is skipped, so a retried job sends
 * nothing twice; a channel that failed for now throws after the others went out.
 */
export async function deliverToPerson(
  deps: ServiceDeps,
  msg: OutgoingMessage,
  opts: {
    afterQuietHours?: boolean;
    /** A fallback: the first of these the person can be reached on, whatever their choices; no in-app row. */
    fallbackOrder?: Channel[];
  } = {},
): Promise<{ deferredUntil: Date | null; sent: Channel[] }> {
  const { db } = deps;
  const p = await recipientOf(db, msg.userId);
  if (!p || isErasedEmail(p.email)) return { deferredUntil: null, sent: [] };
  const now = deps.now();
  const row = { userId: p.id, bookingId: msg.bookingId ?? null, template: msg.key, title: msg.title, body: msg.body };
  if (!opts.fallbackOrder && !(await notificationOn(db, p.id, msg.key, 'in_app')))
    await insertNotification(db, { ...row, channel: 'in_app', status: 'sent', sentAt: now });
  if (!msg.urgent && !opts.afterQuietHours) {
    const until = quietHoursEnd(now, p.timeZone, p.quietHoursStart, p.quietHoursEnd);
    if (until) return { deferredUntil: until, sent: [] };
  }
  const failures: string[] = [];
  const sent: Channel[] = [];
  const fallback = opts.fallbackOrder?.find((c) => unreachable(p, c, { ...msg, sms: msg.sms ?? msg.title }, deps) === null);
  const channels = opts.fallbackOrder ? (fallback ? [fallback] : []) : channelsFor(p, msg, deps);
  for (const channel of channels) {
    const before = await notificationOn(db, p.id, msg.key, channel);
    // A pending row is a text or push an earlier attempt began and may have sent (see `sendOnce`).
    if (before && before.status !== 'pending') continue;
    let pending: NotificationRow | null = null;
    try {
      if (channel === 'sms' || channel === 'push') {
        pending = before ?? (await insertPendingNotification(db, { ...row, channel }));
        const externalId = await sendOnce(deps, channel, p, msg, pending, Boolean(before));
        await updateNotification(db, pending.id, { status: 'sent', externalId, sentAt: deps.now() });
      } else {
        const externalId = await sendOn(deps, channel, p, msg);
        await insertNotification(db, { ...row, channel, status: 'sent', externalId, sentAt: deps.now() });
      }
      sent.push(channel);
    } catch (e) {
      if (e instanceof TelegramRefused) {
        await insertNotification(db, { ...row, channel, status: 'failed' });
        if (e.chatGone) await unlinkTelegram(db, p.id);
        deps.log.warn({ userId: p.id, code: e.code }, 'telegram refused a notification');
      } else if (e instanceof SmsRefused) {
        const failed = { status: 'failed', deliveryStatus: `refused ${e.code}` } as const;
        if (pending) await updateNotification(db, pending.id, failed);
        else await insertNotification(db, { ...row, channel, ...failed });
        if (e.numberBad && p.phone)
          await markChannel(db, { userId: p.id, channel: 'sms', address: p.phone, status: 'undeliverable', reason: e.message }, deps.now());
        deps.log.warn({ userId: p.id, code: e.code }, 'twilio refused a text message');
      } else {
        failures.push(`${channel}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  if (failures.length) throw new Error(`Notification ${msg.key} to ${p.id} not sent on ${failures.join('; ')}`);
  return { deferredUntil: null, sent };
}

/** Sends an email or a Telegram message; returns the provider's id for the message. */
async function sendOn(
  deps: ServiceDeps,
  channel: Exclude<Channel, 'sms' | 'push'>,
  p: RecipientRecord,
  msg: OutgoingMessage,
): Promise<string | null> {
  const idempotencyKey = `${msg.key}:${p.id}:${channel}`;
  switch (channel) {
    case 'email': {
      const unsubscribe = msg.urgent ? undefined : unsubscribeUrl(deps, p.id, msg.group);
      const content =
        msg.email ??
        (() => {
          const { t, language } = translator(msg.language ?? p.language);
          const r = renderEmail(
            {
              greeting: t('email.greeting', { name: p.name.split(' ')[0] ?? p.name }),
              lead: msg.body,
              ...(msg.link ? { button: { label: t('email.open'), url: msg.link } } : {}),
              footer: t('email.footerAccount'),
              ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}),
            },
            language,
          );
          return { subject: msg.title, html: r.html, text: r.text };
        })();
      const res = await deps.email.send({
        ...content,
        to: p.email,
        idempotencyKey,
        ...(unsubscribe
          ? { headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
          : {}),
      });
      return res.id;
    }
    case 'telegram': {
      if (!deps.telegram || !p.telegramChatId) throw new Error('no telegram');
      const html = msg.telegram?.html ?? `<b>${escapeHtml(msg.title)}</b>\n${escapeHtml(msg.body)}`;
      const res = await deps.telegram.send(p.telegramChatId, html, msg.telegram?.buttons);
      return String(res.messageId);
    }
  }
}

/** A short name for a push endpoint, to record which of a person's devices a message already reached. */
const endpointTag = (endpoint: string) => createHash('sha256').update(endpoint).digest('base64url').slice(0, 10);
const PUSH_PARTIAL = 'push:partial:';

/**
 * Sends a text or a push whose row (`pending`) was written before the send, and returns what the
 * row records as sent. Twilio and the push services take no idempotency key, so a retry
 * (`retry`: the row was left pending by an earlier attempt) first finds out what that attempt did:
 *
 * - SMS: the earlier attempt may have died after Twilio accepted the text and before the row said
 *   so (a lost answer, a timeout, the process killed). The retry asks Twilio for the latest texts
 *   from our number to this one with exactly this body; one that no other row claims (its SID is
 *   not another notification's) is this message: the row takes its SID and nothing is sent again.
 *   Only when Twilio has none is the text sent.
 * - Push: the row lists the devices already reached, so a retry after one device failed sends to
 *   the others only. A device reached just before the process died may get it twice; the push
 *   service replaces an undelivered copy (same `Topic`) and the site's service worker shows it
 *   under the message's `tag`, replacing the first rather than showing two.
 */
async function sendOnce(
  deps: ServiceDeps,
  channel: 'sms' | 'push',
  p: RecipientRecord,
  msg: OutgoingMessage,
  pending: NotificationRow,
  retry: boolean,
): Promise<string> {
  if (channel === 'sms') {
    if (!deps.sms || !p.phone) throw new Error('no sms');
    const text = { to: p.phone, body: smsText(msg, p) };
    if (retry) {
      for (const earlier of await deps.sms.findSent(text)) {
        const owner = await notificationByExternalId(deps.db, earlier.sid);
        if (owner && owner.id !== pending.id) continue;
        deps.log.info({ userId: p.id, key: msg.key, sid: earlier.sid }, 'text already accepted by twilio; not sent again');
        return earlier.sid;
      }
    }
    return (await deps.sms.send(text)).sid;
  }
  if (!deps.push) throw new Error('no push');
  const reached = new Set(
    pending.externalId?.startsWith(PUSH_PARTIAL) ? pending.externalId.slice(PUSH_PARTIAL.length).split(',').filter(Boolean) : [],
  );
  let failure: unknown = null;
  for (const sub of p.pushes) {
    const tag = endpointTag(sub.endpoint);
    if (reached.has(tag)) continue;
    try {
      const res = await deps.push.send(sub, { title: msg.title, body: msg.body, ...(msg.link ? { url: msg.link } : {}), tag: msg.key });
      if (res.gone) {
        await removePushEndpoint(deps.db, sub.endpoint);
        continue;
      }
      reached.add(tag);
      await updateNotification(deps.db, pending.id, { externalId: `${PUSH_PARTIAL}${[...reached].join(',')}` });
    } catch (e) {
      failure ??= e;
    }
  }
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return `push:${reached.size}`;
}
