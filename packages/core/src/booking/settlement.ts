import { DomainError } from '../errors.ts';
import { cancellationQuote, type CancellationQuote } from './cancellation-policy.ts';
import type { ActorKind, BookingEffect, BookingSnapshot, FeePayoutReason, OperatorRefund, TransitionPatch } from './types.ts';

/**
 * What the client has paid and not been refunded. Prefers `amountPaid` from the snapshot; a
 * fully paid booking without it counts as `price.total`. A partly paid booking without it cannot
 * be settled safely, so that is a programming error, not a guess.
 */
export function amountPaidOf(b: BookingSnapshot): number {
  if (b.amountPaid !== undefined && b.amountPaid !== null) {
    if (!Number.isSafeInteger(b.amountPaid) || b.amountPaid < 0)
      throw new DomainError('INVALID_INPUT', 'The amount paid must be a non-negative whole number of minor units.', {
        amountPaid: b.amountPaid,
      });
    return b.amountPaid;
  }
  switch (b.paymentStatus) {
    case 'paid':
      return b.price.total;
    case 'partially_paid':
      throw new DomainError('INVALID_INPUT', 'This booking is partly paid; pass amountPaid to settle it.', { bookingId: b.id });
    default:
      return 0;
  }
}

/** True while the booking's invoice may still collect money, so leaving the booking must void it. */
export function invoiceMayCollect(b: BookingSnapshot): boolean {
  return b.paymentStatus !== 'paid' && b.paymentStatus !== 'refunded' && b.paymentStatus !== 'void';
}

/** Everything paid goes back; nobody owes a fee. */
export function fullRefundQuote(b: BookingSnapshot, explanation: string): CancellationQuote {
  const paid = amountPaidOf(b);
  return { fee: 0, refund: paid, charge: 0, feeBps: 0, providerShare: 0, freeUntil: null, explanation };
}

/**
 * The quote a cancellation of `b` by `actorKind` at `now` is settled with. A booking that is not
 * yet secured (requested, or accepted and unpaid) is free to cancel; a confirmed one follows
 * its policy snapshot for a client and is free for everybody else.
 */
export function settlementQuote(b: BookingSnapshot, actorKind: ActorKind, now: Date): CancellationQuote {
  if (b.status === 'requested' || b.status === 'accepted')
    return fullRefundQuote(b, 'Cancelling now is free: the booking is not confirmed yet.');
  if (b.status === 'confirmed') return cancellationQuote(b.policy, b.price, b.startsAt, now, actorKind, amountPaidOf(b));
  return fullRefundQuote(b, 'An admin is cancelling this booking; everything paid is refunded.');
}

/**
 * The quote an operator's cancellation settles with: everything paid back (the default), what the
 * client's cancellation policy gives at `now`, or a custom refund — never more than was paid; what
 * is kept is a cancellation fee, the provider's less commission like any other.
 */
export function operatorQuote(b: BookingSnapshot, refund: OperatorRefund | undefined, now: Date): CancellationQuote {
  const full = settlementQuote(b, 'admin', now);
  if (!refund || refund.kind === 'full' || b.status === 'requested' || b.status === 'accepted') return full;
  if (refund.kind === 'policy') {
    const q = settlementQuote(b, 'client', now);
    return { ...q, charge: 0, explanation: `As the client's cancellation policy gives now. ${q.explanation}` };
  }
  const paid = amountPaidOf(b);
  if (!Number.isSafeInteger(refund.amount) || refund.amount < 0 || refund.amount > paid)
    throw new DomainError('INVALID_INPUT', 'The refund must be between nothing and what the client paid.', {
      field: 'amount',
      paid,
    });
  const fee = paid - refund.amount;
  const providerShare = fee > 0 ? full.providerShare : 0;
  return { ...full, fee, refund: refund.amount, charge: 0, providerShare, explanation: 'A refund the operator chose.' };
}

/**
 * The money effects and patch fields of a settled quote. A fee the client owes is the provider's
 * (less commission): paid out by the same path as a job's earnings once the refund is done and
 * the fee collected (`feePayout` names why, for their payouts list).
 */
export function settle(
  q: CancellationQuote,
  reason: string,
  feePayout: FeePayoutReason = 'late_cancellation',
): { effects: BookingEffect[]; patch: TransitionPatch } {
  const effects: BookingEffect[] = [];
  if (q.refund > 0) effects.push({ type: 'refund', amount: q.refund, reason });
  if (q.charge > 0) effects.push({ type: 'charge_cancellation_fee', amount: q.charge });
  if (q.fee > 0) effects.push({ type: 'schedule_fee_payout', reason: feePayout, fee: q.fee });
  return { effects, patch: { cancellationFee: q.fee, refundAmount: q.refund } };
}
