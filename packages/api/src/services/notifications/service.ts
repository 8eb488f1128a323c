import type { z } from 'zod';
import type { DbOrTx } from '@handled/db';
import { insertNotification } from '../../repositories/notifications.ts';
import { notificationOn } from '../../repositories/notification-delivery.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { deliverToPerson } from './deliver.ts';
import { contactEventSchema, notificationEventSchema, type ContactEvent, type NotificationEvent } from './events.ts';

export type { ContactEvent, NotificationEvent } from './events.ts';
import { renderEmail } from './layout.ts';
import { translator } from './i18n/index.ts';

/**
 * Tells one person about an event, in the caller's transaction: the in-app row now, and a job
 * (`notification.deliver`) that sends it on the channels the person's preferences choose, after
 * their quiet hours unless `urgent`. The same `key` for the same person is delivered once.
 */
export async function notify(tx: DbOrTx, event: NotificationEvent, now: Date): Promise<void> {
  const e = notificationEventSchema.parse(event);
  if (!(await notificationOn(tx, e.userId, e.key, 'in_app')))
    await insertNotification(tx, {
      userId: e.userId,
      bookingId: e.bookingId ?? null,
      channel: 'in_app',
      template: e.key,
      title: e.title,
      body: e.body,
      status: 'sent',
      sentAt: now,
    });
  await enqueue(
    tx,
    { type: 'notification.deliver', payload: e, key: `notify:${e.key}:${e.userId}`, ...(e.urgent ? { maxAttempts: 12 } : {}) },
    now,
  );
}

/** Tells someone without an account (an emergency contact) by SMS and email, at once, one job per channel. */
export async function notifyContact(tx: DbOrTx, event: ContactEvent, now: Date): Promise<void> {
  const e = contactEventSchema.parse(event);
  for (const channel of ['sms', 'email'] as const) {
    if (channel === 'sms' ? !e.phone : !e.email) continue;
    await enqueue(
      tx,
      { type: 'notification.contact', payload: { ...e, channel }, key: `contact:${e.key}:${channel}`, maxAttempts: 12 },
      now,
    );
  }
}

/** Job `notification.deliver`: sends an event to its person; quiet hours put it back to their end. */
export async function runDeliverJob(
  deps: ServiceDeps,
  payload: z.output<typeof notificationEventSchema> & { afterQuietHours?: boolean | undefined },
) {
  const { afterQuietHours, ...e } = payload;
  const res = await deliverToPerson(
    deps,
    {
      key: e.key,
      userId: e.userId,
      bookingId: e.bookingId ?? null,
      group: e.group,
      ...(e.urgent !== undefined ? { urgent: e.urgent } : {}),
      title: e.title,
      body: e.body,
      link: e.link ?? null,
      sms: e.sms ?? null,
      ...(e.channels ? { channels: e.channels } : {}),
    },
    { afterQuietHours: afterQuietHours ?? false },
  );
  if (res.deferredUntil)
    await enqueue(
      deps.db,
      {
        type: 'notification.deliver',
        payload: { ...e, afterQuietHours: true },
        key: `notify:${e.key}:${e.userId}:after-quiet`,
        runAt: res.deferredUntil,
      },
      deps.now(),
    );
}

/** Job `notification.contact`: one channel to someone without an account. */
export async function runContactJob(deps: ServiceDeps, p: z.output<typeof contactEventSchema> & { channel: 'sms' | 'email' }) {
  if (p.channel === 'sms') {
    if (!deps.sms || !p.phone) return;
    await deps.sms.send({ to: p.phone, body: p.sms ?? `${p.title}. ${p.body}` });
    return;
  }
  if (!p.email) return;
  const { t, language } = translator(p.language);
  const r = renderEmail(
    {
      greeting: t('email.greeting', { name: p.name.split(' ')[0] ?? p.name }),
      lead: p.body,
      footer: t('email.footerContact'),
    },
    language,
  );
  await deps.email.send({ to: p.email, subject: p.title, html: r.html, text: r.text, idempotencyKey: `contact:${p.key}:email` });
}
