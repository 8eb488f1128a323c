import type { PriceSnapshot } from '../pricing.ts';
import type { CancellationPolicySnapshot } from './cancellation-policy.schema.ts';

export const bookingStatuses = [
  'requested',
  'accepted',
  'confirmed',
  'in_progress',
  'completed',
  'declined',
  'expired',
  'cancelled',
  'no_show',
  'disputed',
] as const;
/** accepted = the provider said yes and payment (full or deposit) is still due; confirmed = paid, or no upfront payment required. */
export type BookingStatus = (typeof bookingStatuses)[number];

const terminalStatuses: ReadonlySet<BookingStatus> = new Set(['declined', 'expired', 'cancelled', 'no_show']);

/**
 * A terminal booking never changes status again (a late payment on it is only recorded, and
 * refunded). `completed` is not terminal: within the confirmation window the client may still
 * raise a problem (-> disputed). Use `isSettled` for "nothing more will happen".
 */
export const isTerminal = (s: BookingStatus): boolean => terminalStatuses.has(s);

export type ActorKind = 'client' | 'provider' | 'system' | 'admin';
export interface Actor {
  kind: ActorKind;
  userId?: string;
}

export type BookingCommand =
  /** The machine's initial transition: a client asks for a booking that does not exist yet. */
  | { type: 'request' }
  | { type: 'accept' }
  | { type: 'decline'; reason: string }
  | { type: 'expire' }
  | { type: 'payment_received'; fullyPaid: boolean }
  /** `refund`: an operator's choice of what goes back (ignored for anyone else; the default is the rules'). */
  | { type: 'cancel'; reason?: string; refund?: OperatorRefund }
  | { type: 'mark_on_my_way' }
  | { type: 'start' }
  | { type: 'complete'; actualQuarterHours?: number }
  | { type: 'confirm_completion' }
  | { type: 'raise_problem'; reason: string }
  /** `absent`: who did not come, when an operator marks it (a party marks the other side; the default is the client). */
  | { type: 'mark_no_show'; reason?: string; absent?: 'client' | 'provider' }
  /** A tip the client paid after the job (from the payments webhook). */
  | { type: 'tip_received'; amount: number }
  | { type: 'resolve_dispute'; outcome: 'completed' | 'cancelled' };
/**
 * What an operator gives back when cancelling (issue 18): everything paid, what the cancellation
 * policy would give the client, or a custom amount (the rest kept as a cancellation fee).
 */
export type OperatorRefund = { kind: 'full' } | { kind: 'policy' } | { kind: 'custom'; amount: number };

export type BookingCommandType = BookingCommand['type'];
export type CommandOf<T extends BookingCommandType> = Extract<BookingCommand, { type: T }>;

export type PaymentStatus = 'none' | 'open' | 'partially_paid' | 'paid' | 'failed' | 'void' | 'refunded';

export interface BookingSnapshot {
  id: string;
  status: BookingStatus;
  clientId: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  requiresUpfrontPayment: boolean;
  paymentStatus: PaymentStatus;
  onMyWayAt?: Date | null;
  completedAt?: Date | null;
  clientConfirmedAt?: Date | null;
  price: PriceSnapshot;
  policy: CancellationPolicySnapshot;
  version: number;
  /**
   * What the client has paid and not been refunded, in minor units (the invoice's amount paid
   * minus refunds). Optional: without it, `paid` counts as `price.total` and none/open/failed/
   * void/refunded as 0; a `partially_paid` booking must pass it for money to be computed.
   */
  amountPaid?: number | null;
  /** The fee already set by a cancellation or client no-show; kept when a late payment is refunded. */
  cancellationFee?: number | null;
}

/** Why a fee reaches the provider, as their payouts list says it. */
export type FeePayoutReason = 'late_cancellation' | 'no_show';

export type BookingEffect =
  | { type: 'notify'; to: 'client' | 'provider' | 'both'; template: string }
  | { type: 'create_invoice' }
  | { type: 'void_invoice' }
  | { type: 'refund'; amount: number; reason: string }
  | { type: 'charge_cancellation_fee'; amount: number }
  | { type: 'calendar_push' }
  | { type: 'calendar_cancel' }
  | { type: 'schedule_expiry'; at: Date }
  | { type: 'schedule_auto_confirm'; at: Date }
  /** Remind both sides before the job (the day before, or sooner for a job booked at short notice). */
  | { type: 'schedule_reminder'; at: Date }
  | { type: 'schedule_payout' }
  /** A late cancellation's or a client no-show's fee, less commission, to the provider (after the refund). */
  | { type: 'schedule_fee_payout'; reason: FeePayoutReason; fee: number }
  /** A tip the client paid: all of it to the provider. */
  | { type: 'schedule_tip_payout' }
  | { type: 'freeze_payout' }
  | { type: 'generate_receipt' }
  | { type: 'mark_provider_reliability'; reason: string }
  /** The job is done: ask both sides for their review and open the review window. */
  | { type: 'open_reviews' };

/**
 * The booking row's columns a transition writes, named as the row names them: the service writes
 * them as they are, with no knowledge of which command set which.
 */
export type BookingRowPatch = Partial<Pick<BookingSnapshot, 'onMyWayAt' | 'completedAt' | 'clientConfirmedAt'>> & {
  cancelledBy?: ActorKind;
  cancellationFee?: number;
  cancellationReason?: string;
  declineReason?: string;
  startedAt?: Date;
  actualQuarterHours?: number;
  /** When an unanswered request expires (set by the request). */
  expiresAt?: Date;
};
export type BookingRowField = keyof BookingRowPatch;

export type TransitionPatch = BookingRowPatch & {
  /** What is refunded (the refund effects carry it too); not a column. */
  refundAmount?: number;
  /** The reason written to the event (booking_events.reason). */
  reason?: string;
};

export interface TransitionResult {
  /** The id of the table row that decided. */
  rule: string;
  /** null for the initial transition: the request that creates the booking. */
  from: BookingStatus | null;
  to: BookingStatus;
  /** e.g. 'booking.accepted'; written to booking_events.type. */
  eventType: string;
  /** Jobs the service writes in the same transaction (transactional outbox). */
  effects: BookingEffect[];
  patch: TransitionPatch;
}

/** Timing rules of the machine; every field has a default (see `defaultBookingRules`). */
export interface BookingRules {
  /** How long after completion the client may confirm or raise a problem; then the system confirms. */
  confirmationWindowHours: number;
  /** How early before the start a provider may start the job. */
  startEarlyMinutes: number;
  /** How early before the start a provider may say they are on their way. */
  onMyWayEarlyMinutes: number;
  /** How long after the start either side must wait before marking the other a no-show. */
  noShowGraceMinutes: number;
  /** How long a provider has to answer a request (see `expiryDeadline`). */
  requestTtlHours: number;
}

export const defaultBookingRules: Readonly<BookingRules> = {
  confirmationWindowHours: 48,
  startEarlyMinutes: 60,
  onMyWayEarlyMinutes: 180,
  noShowGraceMinutes: 15,
  requestTtlHours: 24,
};
