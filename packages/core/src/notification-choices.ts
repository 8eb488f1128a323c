/**
 * What a person wants to hear about, and where: a choice per event group and channel, kept in
 * notification_preference.choices. The notifications work reads them to decide each send.
 */
export const notificationGroups = ['requests', 'bookings', 'payments', 'messages', 'reviews'] as const;
export type NotificationGroup = (typeof notificationGroups)[number];

export const notificationChannels = ['email', 'sms', 'push', 'telegram'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export type NotificationChoices = Record<NotificationGroup, Record<NotificationChannel, boolean>>;

type Side = 'client' | 'provider';

export const notificationGroupLabels: Record<NotificationGroup, Record<Side, { title: string; detail: string }>> = {
  requests: {
    client: { title: 'Your requests', detail: 'Accepted, declined or expired' },
    provider: { title: 'New requests', detail: 'A client asks for a time' },
  },
  bookings: {
    client: { title: 'Bookings', detail: 'Reminders, changes, cancellations, “on my way”' },
    provider: { title: 'Bookings', detail: 'Reminders, changes and cancellations' },
  },
  payments: {
    client: { title: 'Payments', detail: 'Invoices, receipts and refunds' },
    provider: { title: 'Payouts', detail: 'Payments received and payouts sent' },
  },
  messages: {
    client: { title: 'Messages', detail: 'When your provider writes' },
    provider: { title: 'Messages', detail: 'When a client writes' },
  },
  reviews: {
    client: { title: 'Reviews', detail: 'Asking how it went' },
    provider: { title: 'Reviews', detail: 'A client rated a job' },
  },
};

export const notificationChannelLabels: Record<NotificationChannel, string> = {
  email: 'Email',
  sms: 'SMS',
  push: 'Push',
  telegram: 'Telegram',
};

/** Everything on except SMS, which only carries what cannot wait (requests and booking changes). */
export function defaultNotificationChoices(): NotificationChoices {
  const choices = {} as NotificationChoices;
  for (const g of notificationGroups) {
    choices[g] = { email: true, sms: g === 'requests' || g === 'bookings', push: true, telegram: true };
  }
  return choices;
}

/** Stored choices over the defaults: a group or channel added later starts at its default. */
export function resolveNotificationChoices(stored: Record<string, Record<string, boolean>> | null | undefined): NotificationChoices {
  const choices = defaultNotificationChoices();
  for (const g of notificationGroups) {
    for (const c of notificationChannels) {
      const v = stored?.[g]?.[c];
      if (typeof v === 'boolean') choices[g][c] = v;
    }
  }
  return choices;
}

/** The languages notifications are written in (ISO 639-1); a person's `user.language`, English by default. */
export const notificationLanguages = ['en', 'es'] as const;
export type NotificationLanguage = (typeof notificationLanguages)[number];

/** Each language named in itself, for the language picker. */
export const notificationLanguageNames: Record<NotificationLanguage, string> = { en: 'English', es: 'Español' };

/** The `Intl` locale a language's dates and money are written in: English stays en-US (as every screen), Spanish is `es`. */
export const notificationLocales: Record<NotificationLanguage, string> = { en: 'en-US', es: 'es' };

export function isNotificationLanguage(value: unknown): value is NotificationLanguage {
  return typeof value === 'string' && (notificationLanguages as readonly string[]).includes(value);
}
