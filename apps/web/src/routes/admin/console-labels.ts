import { statusWordsOf } from '@handled/core/status-words';

/** How the operator console words a booking status ("Requested"), an unknown one as it came. */
export function statusLabel(status: string): string {
  return statusWordsOf(status)?.label ?? status.replace(/_/g, ' ');
}

const actionWords: Record<string, string> = {
  'booking.cancel': 'Cancelled the booking',
  'booking.refund': 'Refunded',
  'booking.resolve_dispute': 'Resolved the dispute',
  'booking.move': 'Moved the booking',
  'booking.no_show': 'Marked a no-show',
  'booking.credit': 'Gave a credit',
  'booking.messages_read': 'Read the messages',
  'user.suspend': 'Suspended',
  'user.reactivate': 'Reactivated',
  'user.verify_email': 'Verified the email by hand',
  'user.password_reset_link': 'Sent a password-reset link',
  'setting.update': 'Changed a setting',
  'emergency.acknowledge': 'Acknowledged an emergency',
  'emergency.resolve': 'Resolved an emergency',
  'message_report.review': 'Closed a message report',
  'review.flag': 'Held by the automatic check',
  'listing.approved': 'Approved the listing',
  'listing.changes_requested': 'Sent the listing back',
  'listing.suspended': 'Suspended the listing',
  'listing.reinstated': 'Reinstated the listing',
  'review.hide': 'Hid a review',
  'review.publish': 'Published a review',
  'review.restore': 'Restored a review',
};

/** An audit action in words ("Refunded"), else the code. */
export function actionLabel(action: string): string {
  return actionWords[action] ?? action;
}

/** Before/after as short "key: value" text for the audit tables. */
export function changeText(v: Record<string, unknown> | null | undefined): string {
  if (!v) return '';
  return Object.entries(v)
    .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
    .join(', ');
}
