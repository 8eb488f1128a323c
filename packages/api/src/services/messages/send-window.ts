import type { BookingStatus } from '@handled/core/booking';
import { DAY_MS } from '@handled/core/durations';

/** How long after a job ends (or a booking is cancelled) its two sides can still write. */
export const MESSAGES_OPEN_DAYS_AFTER_END = 30;

export interface SendWindowInput {
  status: BookingStatus;
  endsAt: Date;
  completedAt: Date | null;
}

export interface SendWindow {
  canSend: boolean;
  /** Plain words for the person who can no longer write; null while the thread is open. */
  reasonClosed: string | null;
  /** When an open thread stops taking messages (null: it stays open while the booking is live). */
  closesAt: Date | null;
}

/**
 * When a booking's conversation takes new messages. A request that was declined or expired never
 * became a job, so there is nothing left to arrange. A live booking (and a dispute, which support
 * follows in the thread) is always open. A job that ended — completed, cancelled, no-show — stays
 * open for 30 days after it was due to end (or was marked done, if later), for questions about the
 * work, the receipt or a refund.
 */
export function sendWindow(b: SendWindowInput, now: Date): SendWindow {
  switch (b.status) {
    case 'declined':
      return { canSend: false, reasonClosed: 'The provider declined this request, so this conversation is closed.', closesAt: null };
    case 'expired':
      return { canSend: false, reasonClosed: 'This request expired without an answer, so this conversation is closed.', closesAt: null };
    case 'requested':
    case 'accepted':
    case 'confirmed':
    case 'in_progress':
    case 'disputed':
      return { canSend: true, reasonClosed: null, closesAt: null };
    case 'completed':
    case 'cancelled':
    case 'no_show': {
      const ended = Math.max(b.endsAt.getTime(), b.completedAt?.getTime() ?? 0);
      const closesAt = new Date(ended + MESSAGES_OPEN_DAYS_AFTER_END * DAY_MS);
      if (now.getTime() < closesAt.getTime()) return { canSend: true, reasonClosed: null, closesAt };
      const what = b.status === 'cancelled' ? 'This booking was cancelled' : 'This job ended';
      return {
        canSend: false,
        reasonClosed: `${what} more than ${MESSAGES_OPEN_DAYS_AFTER_END} days ago, so this conversation is closed. Book again to start a new one.`,
        closesAt,
      };
    }
  }
}
