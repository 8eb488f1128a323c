import type { BookingStatus } from './types.ts';

/** The colour family a status wears in the apps (a no-show looks like a decline). */
export type StatusTone = Exclude<BookingStatus, 'no_show'>;

export interface StatusWords {
  /** The badge everyone sees on the site: "Requested". */
  label: string;
  tone: StatusTone;
  /** The provider's badge in the desk, saying what it means for them: "New request". */
  providerLabel: string;
  /** A line for the client (the bot's booking card): "Waiting for the provider to answer". */
  clientLine: string;
  /** A line for the provider: "New request — waiting for your answer". */
  providerLine: string;
  /** After "it is" in a refused command: "You cannot accept this booking: it is still waiting for the provider." */
  state: string;
}

/**
 * Every way a booking status is put into words, in one table. Exhaustive over `BookingStatus`:
 * a new status does not compile until it has its words here.
 */
export const bookingStatusWords: Record<BookingStatus, StatusWords> = {
  requested: {
    label: 'Requested',
    tone: 'requested',
    providerLabel: 'New request',
    clientLine: 'Waiting for the provider to answer',
    providerLine: 'New request — waiting for your answer',
    state: 'still waiting for the provider',
  },
  accepted: {
    label: 'Accepted',
    tone: 'accepted',
    providerLabel: 'Waiting for payment',
    clientLine: 'Accepted — pay the invoice to confirm',
    providerLine: 'Accepted — waiting for the client to pay',
    state: 'accepted and waiting for payment',
  },
  confirmed: {
    label: 'Confirmed',
    tone: 'confirmed',
    providerLabel: 'Confirmed',
    clientLine: 'Confirmed and paid',
    providerLine: 'Confirmed — the client has paid',
    state: 'confirmed',
  },
  in_progress: {
    label: 'In progress',
    tone: 'in_progress',
    providerLabel: 'In progress',
    clientLine: 'In progress',
    providerLine: 'In progress',
    state: 'in progress',
  },
  completed: {
    label: 'Completed',
    tone: 'completed',
    providerLabel: 'Completed',
    clientLine: 'Completed',
    providerLine: 'Completed',
    state: 'completed',
  },
  declined: {
    label: 'Declined',
    tone: 'declined',
    providerLabel: 'Declined',
    clientLine: 'Declined by the provider',
    providerLine: 'Declined',
    state: 'declined',
  },
  expired: {
    label: 'Expired',
    tone: 'expired',
    providerLabel: 'Expired',
    clientLine: 'Expired — the provider did not answer in time',
    providerLine: 'Expired — not answered in time',
    state: 'expired',
  },
  cancelled: {
    label: 'Cancelled',
    tone: 'cancelled',
    providerLabel: 'Cancelled',
    clientLine: 'Cancelled',
    providerLine: 'Cancelled',
    state: 'cancelled',
  },
  no_show: {
    label: 'No-show',
    tone: 'declined',
    providerLabel: 'No-show',
    clientLine: 'Marked as a no-show',
    providerLine: 'Marked as a no-show',
    state: 'closed as a no-show',
  },
  disputed: {
    label: 'Problem reported',
    tone: 'disputed',
    providerLabel: 'Disputed',
    clientLine: 'A problem was reported',
    providerLine: 'A problem was reported',
    state: 'under dispute',
  },
};

/** The words for a status that may come from outside the type (an older or newer API); null when it is not one. */
export function statusWordsOf(status: string): StatusWords | null {
  return Object.hasOwn(bookingStatusWords, status) ? bookingStatusWords[status as BookingStatus] : null;
}
