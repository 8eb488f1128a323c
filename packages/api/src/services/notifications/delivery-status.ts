import { z } from 'zod';
import type { Channel } from './deliver.ts';
import { deliverToPerson } from './deliver.ts';
import {
  clearChannel,
  markChannel,
  notificationByExternalId,
  notificationOn,
  recipientOf,
  savePreferenceRow,
  setDeliveryStatus,
  usersWithPhone,
} from '../../repositories/notification-delivery.ts';
import { notificationById } from '../../repositories/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { translator, type Translator } from './i18n/index.ts';

/** A Resend webhook's payload, as far as we read it. */
export const resendEventSchema = z.object({
  type: z.string().min(1),
  created_at: z.string(),
  data: z.object({ email_id: z.string().min(1) }).loose(),
});

const EMAIL_STATUS: Record<string, string> = {
  'email.sent': 'sent',
  'email.delivered': 'delivered',
  'email.delivery_delayed': 'delayed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.failed': 'failed',
};

async function markAndFallBack(
  deps: ServiceDeps,
  row: { id: string; userId: string },
  channel: 'email' | 'sms',
  status: 'bounced' | 'complained' | 'undeliverable',
  reason: string,
) {
  const person = await recipientOf(deps.db, row.userId);
  const address = channel === 'email' ? person?.email : person?.phone;
  if (!person || !address) return;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await markChannel(tx, { userId: row.userId, channel, address, status, reason }, now);
    // A complaint means "stop", not "try elsewhere".
    if (status !== 'complained')
      await enqueue(tx, { type: 'notification.fallback', payload: { notificationId: row.id }, key: `fallback:${row.id}` }, now);
  });
}

/** Records what Resend says happened to an email; a bounce marks the address and sends the message another way. */
export async function recordEmailEvent(deps: ServiceDeps, event: z.output<typeof resendEventSchema>): Promise<void> {
  const status = EMAIL_STATUS[event.type];
  if (!status) return;
  const row = await notificationByExternalId(deps.db, event.data.email_id);
  if (!row || row.channel !== 'email') return;
  await setDeliveryStatus(deps.db, row.id, status, deps.now());
  if (status === 'bounced' || status === 'complained') await markAndFallBack(deps, row, 'email', status, event.type);
}

export const twilioStatusSchema = z.object({
  MessageSid: z.string().min(1),
  MessageStatus: z.enum([
    'accepted',
    'scheduled',
    'queued',
    'sending',
    'sent',
    'delivered',
    'undelivered',
    'failed',
    'read',
    'canceled',
    'receiving',
    'received',
  ]),
  ErrorCode: z.string().optional(),
});

/** Records a Twilio status callback; an undelivered or failed text marks the number and sends the message another way. */
export async function recordSmsStatus(deps: ServiceDeps, p: z.output<typeof twilioStatusSchema>): Promise<void> {
  const row = await notificationByExternalId(deps.db, p.MessageSid);
  if (!row || row.channel !== 'sms') return;
  await setDeliveryStatus(deps.db, row.id, p.MessageStatus, deps.now());
  if (p.MessageStatus === 'undelivered' || p.MessageStatus === 'failed')
    await markAndFallBack(deps, row, 'sms', 'undeliverable', `twilio ${p.MessageStatus}${p.ErrorCode ? ` ${p.ErrorCode}` : ''}`);
}

export const twilioInboundSchema = z.object({ From: z.string().min(1), Body: z.string().default('') }).loose();

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);

/** Twilio's inbound webhook: STOP withdraws SMS consent for that number; START lifts the stop (consent is given again in /account). */
export async function handleInboundSms(
  deps: ServiceDeps,
  p: z.output<typeof twilioInboundSchema>,
): Promise<'stopped' | 'started' | 'ignored'> {
  const word = p.Body.trim().toUpperCase();
  const stop = STOP_WORDS.has(word);
  const start = START_WORDS.has(word);
  if (!stop && !start) return 'ignored';
  const now = deps.now();
  const ids = await usersWithPhone(deps.db, p.From);
  await deps.db.transaction(async (tx) => {
    for (const userId of ids) {
      if (stop) {
        await savePreferenceRow(tx, userId, { smsConsentAt: null }, now);
        await markChannel(tx, { userId, channel: 'sms', address: p.From, status: 'stopped', reason: `replied ${word}` }, now);
      } else {
        await clearChannel(tx, userId, 'sms');
      }
    }
  });
  return stop ? 'stopped' : 'started';
}

/**
 * Job `notification.fallback`: a message whose email bounced or text failed, sent on the next
 * channel the person can be reached on — what the original said (its subject and text, the
 * booking's link) with a line on why it comes this way, in the person's language.
 */
export async function sendFallback(deps: ServiceDeps, notificationId: string): Promise<void> {
  const row = await notificationById(deps.db, notificationId);
  if (!row) return;
  // The next channel that did not already carry this message.
  const candidates = (['sms', 'telegram', 'push', 'email'] as const).filter((c) => c !== row.channel);
  const carried = await Promise.all(candidates.map((c) => notificationOn(deps.db, row.userId, row.template, c)));
  const order: Channel[] = candidates.filter((_, i) => !carried[i]);
  if (!order.length) return;
  const person = await recipientOf(deps.db, row.userId);
  const { t, language } = translator(person?.language);
  const link = row.bookingId ? `${deps.config.webUrl}/bookings/${row.bookingId}` : `${deps.config.webUrl}/account`;
  const lost = t(row.channel === 'sms' ? 'fallback.lostSms' : 'fallback.lostEmail');
  await deliverToPerson(
    deps,
    {
      key: `${row.template}:fallback`,
      userId: row.userId,
      bookingId: row.bookingId,
      group: 'bookings',
      title: row.title,
      body: t('fallback.body', { body: row.body, lost }),
      link,
      language,
      sms: fallbackSms(t, row.title, row.body, link),
    },
    { afterQuietHours: true, fallbackOrder: order },
  );
}

/** The fallback text: the original subject, its text when it fits, and the link, within one long SMS (600 characters). */
function fallbackSms(t: Translator['t'], subject: string, body: string, link: string): string {
  const full = t('fallback.sms', { subject, body, link });
  if (full.length <= 600) return full;
  const short = t('fallback.smsShort', { subject, link });
  const room = 600 - short.length - 2;
  return room > 40 ? t('fallback.sms', { subject, body: `${body.slice(0, room - 1)}…`, link }) : short;
}
