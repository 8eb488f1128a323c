import { TRPCError } from '@trpc/server';
import { resolveNotificationChoices, type NotificationChoices } from '@handled/core/notification-choices';
import {
  centreList,
  centreMarkRead,
  centreUnread,
  clearChannel,
  preferenceRow,
  recipientOf,
  savePreferenceRow,
} from '../../repositories/notification-delivery.ts';
import type { ServiceDeps } from '../deps.ts';
import { E164 } from './deliver.ts';

export interface NotificationPreferences {
  choices: NotificationChoices;
  quietHours: { start: string; end: string } | null;
  /** The person agreed to text messages (and when). */
  smsConsent: boolean;
  smsConsentAt: Date | null;
  /** The phone texts go to (E.164), or null when none is set. */
  phone: string | null;
  timeZone: string;
  /** Channels that stopped working (a bounced address, an undeliverable or STOPped number). */
  problems: { channel: 'email' | 'sms' | 'push'; status: string; address: string }[];
  /** Whether this browser/desk may be offered push (a VAPID key exists). */
  pushPublicKey: string | null;
}

export async function preferencesOf(deps: ServiceDeps, userId: string): Promise<NotificationPreferences> {
  const p = await recipientOf(deps.db, userId);
  if (!p) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such account.' });
  return {
    choices: resolveNotificationChoices(p.choices),
    quietHours: p.quietHoursStart && p.quietHoursEnd ? { start: p.quietHoursStart, end: p.quietHoursEnd } : null,
    smsConsent: p.smsConsentAt !== null,
    smsConsentAt: p.smsConsentAt,
    phone: p.phone && E164.test(p.phone) ? p.phone : null,
    timeZone: p.timeZone,
    problems: p.states.map((s) => ({ channel: s.channel, status: s.status, address: s.address })),
    pushPublicKey: deps.push?.publicKey ?? null,
  };
}

export async function savePreferences(
  deps: ServiceDeps,
  userId: string,
  input: {
    choices?: NotificationChoices | undefined;
    quietHours?: { start: string; end: string } | null | undefined;
    smsConsent?: boolean | undefined;
  },
): Promise<NotificationPreferences> {
  const now = deps.now();
  const before = await preferenceRow(deps.db, userId);
  if (input.smsConsent === true) {
    const p = await recipientOf(deps.db, userId);
    if (!p?.phone || !E164.test(p.phone))
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Add a mobile number to your details before turning on text messages.' });
  }
  if (input.quietHours && input.quietHours.start === input.quietHours.end)
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Quiet hours must start and end at different times.' });
  const any = (c: keyof NotificationChoices['bookings']) => (input.choices ? Object.values(input.choices).some((g) => g[c]) : undefined);
  await deps.db.transaction(async (tx) => {
    await savePreferenceRow(
      tx,
      userId,
      {
        ...(input.choices
          ? {
              choices: input.choices,
              email: any('email') ?? true,
              sms: any('sms') ?? true,
              push: any('push') ?? true,
              telegram: any('telegram') ?? true,
            }
          : {}),
        ...(input.quietHours !== undefined
          ? { quietHoursStart: input.quietHours?.start ?? null, quietHoursEnd: input.quietHours?.end ?? null }
          : {}),
        ...(input.smsConsent !== undefined ? { smsConsentAt: input.smsConsent ? (before?.smsConsentAt ?? now) : null } : {}),
      },
      now,
    );
    // Consent given again lifts an earlier STOP for the number.
    if (input.smsConsent === true) await clearChannel(tx, userId, 'sms');
  });
  return preferencesOf(deps, userId);
}

export async function centre(deps: ServiceDeps, userId: string, input: { limit: number; before?: Date | undefined }) {
  const [items, unread] = await Promise.all([centreList(deps.db, userId, input.limit, input.before), centreUnread(deps.db, userId)]);
  return { items, unread, nextBefore: items.length === input.limit ? (items.at(-1)?.createdAt ?? null) : null };
}

export const unreadCount = (deps: ServiceDeps, userId: string) => centreUnread(deps.db, userId);

export async function markRead(deps: ServiceDeps, userId: string, ids: string[] | null) {
  await centreMarkRead(deps.db, userId, ids, deps.now());
  return { unread: await centreUnread(deps.db, userId) };
}
