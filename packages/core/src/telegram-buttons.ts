/**
 * Telegram inline buttons for bookings: the callback data the bot (apps/bot) understands, and the
 * buttons a notification carries so a person can act on it where they read it. The server's
 * Telegram sender and the bot both build them here, so the format is written once.
 *
 * Data is `bk:<action>:<bookingId>[:<arg>]` (Telegram allows 64 bytes). It names a booking, never a
 * person: the bot acts as whoever is linked to the chat that pressed, and the API checks every
 * action against that person, so a button copied or forged for someone else's booking is refused.
 */

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

export interface NotificationButton {
  text: string;
  data?: string;
  url?: string;
}

/**
 * The buttons that act on a notification, by template and recipient side (or none). Only what the
 * recipient may plausibly do next; the bot re-reads the booking and the API decides on every press.
 */
export function notificationButtons(template: string, side: 'client' | 'provider', bookingId: string): NotificationButton[][] {
  const b = bookingButtonData;
  const view = { text: 'View booking', data: b.view(bookingId) };
  // The same for either side.
  const answerChange = [
    [
      { text: '✅ Accept new time', data: b.acceptChange(bookingId) },
      { text: '✖️ Keep the old time', data: b.rejectChange(bookingId) },
    ],
  ];
  const reply = [[{ text: '💬 Reply', data: b.message(bookingId) }, view]];
  if (side === 'provider') {
    switch (template) {
      case 'booking.requested':
        return [
          [
            { text: '✅ Accept', data: b.accept(bookingId) },
            { text: '✖️ Decline', data: b.decline(bookingId) },
          ],
        ];
      case 'booking.confirmed':
      case 'booking.reminder':
        return [[{ text: '🚗 On my way', data: b.onMyWay(bookingId) }, view]];
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
          { text: '🕑 Reschedule', data: b.reschedule(bookingId) },
          { text: '✖️ Cancel', data: b.cancel(bookingId) },
        ],
        [{ text: '💬 Message', data: b.message(bookingId) }],
      ];
    case 'booking.on_my_way':
    case 'booking.started':
      return [
        [
          { text: '💬 Message', data: b.message(bookingId) },
          { text: '🆘 Emergency', data: b.emergency(bookingId) },
        ],
      ];
    case 'booking.completed':
      return [
        [
          { text: '👍 All done', data: b.confirmDone(bookingId) },
          { text: '⚠️ Report a problem', data: b.problem(bookingId) },
        ],
      ];
    case 'booking.completion_confirmed':
    case 'review.requested':
      return [[{ text: '⭐ Rate', data: b.rate(bookingId) }]];
    case 'booking.change_proposed':
      return answerChange;
    case 'message.received':
      return reply;
    default:
      return [[view]];
  }
}
