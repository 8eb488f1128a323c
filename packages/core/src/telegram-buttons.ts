/**
 * Telegram inline buttons for bookings: the callback data the bot (apps/bot) understands, and the
 * buttons a notification carries so a person can act on it where they read it. The server's
 * Telegram sender and the bot both build them here, so the format is written once.
 *
 * Data is `bk:<action>:<bookingId>[:<arg>]` (Telegram allows 64 bytes). It names a booking, never a
 * person: the bot acts as whoever is linked to the chat that pressed, and the API checks every
 * action against that person, so a button copied or forged for someone else's booking is refused.
 */

import { isNotificationLanguage, type NotificationLanguage } from './notification-choices.ts';

export const bookingActions = [
  'view',
  'accept',
  'decline',
  'back',
  'noshow',
  'cancel',
  'resched',
  'slot',
  'chyes',
  'chno',
  'done',
  'problem',
  'rate',
  'msg',
  'omw',
  'start',
  'finish',
  'sos',
] as const;
export type BookingAction = (typeof bookingActions)[number];

const data = (action: BookingAction, id: string, arg?: string | number) => `bk:${action}:${id}${arg === undefined ? '' : `:${arg}`}`;

export const bookingButtonData = {
  view: (id: string) => data('view', id),
  accept: (id: string) => data('accept', id),
  decline: (id: string) => data('decline', id),
  declineWith: (id: string, reason: string) => data('decline', id, reason),
  back: (id: string) => data('back', id),
  noShow: (id: string) => data('noshow', id),
  noShowConfirm: (id: string) => data('noshow', id, 'yes'),
  /** Shows the fee and refund; `cancelConfirm` with the quoted fee cancels (a changed fee is refused by the API). */
  cancel: (id: string) => data('cancel', id),
  cancelConfirm: (id: string, fee: number) => data('cancel', id, fee),
  /** A new time: the days with free slots (page = day offset), then that day's slots. */
  reschedule: (id: string, day?: number) => data('resched', id, day),
  /** The n-th slot of the list the chat was shown (kept in the chat's session). */
  slot: (id: string, n: number) => data('slot', id, n),
  acceptChange: (id: string) => data('chyes', id),
  rejectChange: (id: string) => data('chno', id),
  confirmDone: (id: string) => data('done', id),
  problem: (id: string) => data('problem', id),
  rate: (id: string, stars?: number) => data('rate', id, stars),
  message: (id: string) => data('msg', id),
  onMyWay: (id: string) => data('omw', id),
  start: (id: string) => data('start', id),
  /** Complete: hours as buttons (quarter hours), `finishWith` the chosen quarter hours. */
  finish: (id: string) => data('finish', id),
  finishWith: (id: string, quarterHours: number) => data('finish', id, quarterHours),
  /** Emergency during a job: the number to call first, then the typed reason raises it. */
  emergency: (id: string) => data('sos', id),
};

/** The buttons' words, per language (English for a language not here). */
export const notificationButtonLabels: Record<NotificationLanguage, Record<ButtonLabel, string>> = {
  en: {
    view: 'View booking',
    acceptChange: '✅ Accept new time',
    keepOldTime: '✖️ Keep the old time',
    reply: '💬 Reply',
    accept: '✅ Accept',
    decline: '✖️ Decline',
    onMyWay: '🚗 On my way',
    reschedule: '🕑 Reschedule',
    cancel: '✖️ Cancel',
    message: '💬 Message',
    emergency: '🆘 Emergency',
    allDone: '👍 All done',
    problem: '⚠️ Report a problem',
    rate: '⭐ Rate',
  },
  es: {
    view: 'Ver reserva',
    acceptChange: '✅ Aceptar la nueva hora',
    keepOldTime: '✖️ Mantener la hora',
    reply: '💬 Responder',
    accept: '✅ Aceptar',
    decline: '✖️ Rechazar',
    onMyWay: '🚗 Voy de camino',
    reschedule: '🕑 Cambiar la hora',
    cancel: '✖️ Cancelar',
    message: '💬 Mensaje',
    emergency: '🆘 Emergencia',
    allDone: '👍 Todo bien',
    problem: '⚠️ Informar de un problema',
    rate: '⭐ Valorar',
  },
};

type ButtonLabel =
  | 'view'
  | 'acceptChange'
  | 'keepOldTime'
  | 'reply'
  | 'accept'
  | 'decline'
  | 'onMyWay'
  | 'reschedule'
  | 'cancel'
  | 'message'
  | 'emergency'
  | 'allDone'
  | 'problem'
  | 'rate';

export interface NotificationButton {
  text: string;
  data?: string;
  url?: string;
}

/**
 * The buttons that act on a notification, by template and recipient side (or none). Only what the
 * recipient may plausibly do next; the bot re-reads the booking and the API decides on every press.
 */
export function notificationButtons(
  template: string,
  side: 'client' | 'provider',
  bookingId: string,
  /** The reader's language (`user.language`): the buttons' words. English when not given. */
  language: string = 'en',
): NotificationButton[][] {
  const b = bookingButtonData;
  const l = isNotificationLanguage(language) ? notificationButtonLabels[language] : notificationButtonLabels.en;
  const view = { text: l.view, data: b.view(bookingId) };
  // The same for either side.
  const answerChange = [
    [
      { text: l.acceptChange, data: b.acceptChange(bookingId) },
      { text: l.keepOldTime, data: b.rejectChange(bookingId) },
    ],
  ];
  const reply = [[{ text: l.reply, data: b.message(bookingId) }, view]];
  if (side === 'provider') {
    switch (template) {
      case 'booking.requested':
        return [
          [
            { text: l.accept, data: b.accept(bookingId) },
            { text: l.decline, data: b.decline(bookingId) },
          ],
        ];
      case 'booking.confirmed':
      case 'booking.reminder':
        return [[{ text: l.onMyWay, data: b.onMyWay(bookingId) }, view]];
      case 'booking.change_proposed':
        return answerChange;
      case 'message.received':
        return reply;
      default:
        return [[view]];
    }
  }
  switch (template) {
    case 'booking.confirmed':
    case 'booking.reminder':
      return [
        [
          { text: l.reschedule, data: b.reschedule(bookingId) },
          { text: l.cancel, data: b.cancel(bookingId) },
        ],
        [{ text: l.message, data: b.message(bookingId) }],
      ];
    case 'booking.on_my_way':
    case 'booking.started':
      return [
        [
          { text: l.message, data: b.message(bookingId) },
          { text: l.emergency, data: b.emergency(bookingId) },
        ],
      ];
    case 'booking.completed':
      return [
        [
          { text: l.allDone, data: b.confirmDone(bookingId) },
          { text: l.problem, data: b.problem(bookingId) },
        ],
      ];
    case 'booking.completion_confirmed':
    case 'review.requested':
      return [[{ text: l.rate, data: b.rate(bookingId) }]];
    case 'booking.change_proposed':
      return answerChange;
    case 'message.received':
      return reply;
    default:
      return [[view]];
  }
}
