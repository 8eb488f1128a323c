import { reminderAt } from './reminder.ts';
import { amountPaidOf } from './settlement.ts';
import { rule, type TransitionRule } from './rule.ts';

/**
 * Payments, from the payments webhook. Never refused for the system: outside `accepted` a payment
 * only records (and on a closed booking, goes back less any fee owed).
 */
export const paymentRules: readonly TransitionRule[] = [
  rule({
    id: 'payment.confirms',
    command: 'payment_received',
    from: ['accepted'],
    to: 'confirmed',
    actors: ['system'],
    when: {
      label: 'deposit or full payment in',
      test: (b, cmd) => cmd.fullyPaid || b.paymentStatus === 'partially_paid' || b.paymentStatus === 'paid',
    },
    guards: [],
    eventType: 'booking.confirmed',
    effects: ({ b, cmd, now }) => [
      ...(cmd.fullyPaid ? [{ type: 'generate_receipt' } as const] : []),
      { type: 'schedule_reminder', at: reminderAt(b.startsAt, now) },
      { type: 'notify', to: 'both', template: 'booking.confirmed' },
    ],
  }),
  rule({
    id: 'payment.pending',
    command: 'payment_received',
    from: ['accepted'],
    to: 'unchanged',
    actors: ['system'],
    when: {
      label: 'nothing paid yet',
      test: (b, cmd) => !(cmd.fullyPaid || b.paymentStatus === 'partially_paid' || b.paymentStatus === 'paid'),
    },
    guards: [],
    eventType: 'booking.payment_recorded',
    effects: () => [],
  }),
  rule({
    id: 'payment.recorded',
    command: 'payment_received',
    from: ['requested', 'confirmed', 'in_progress', 'completed', 'disputed'],
    to: 'unchanged',
    actors: ['system'],
    guards: [],
    eventType: 'booking.payment_recorded',
    effects: ({ cmd }) => (cmd.fullyPaid ? [{ type: 'generate_receipt' }] : []),
  }),
  rule({
    id: 'payment.after_close',
    command: 'payment_received',
    from: ['declined', 'expired', 'cancelled', 'no_show'],
    to: 'unchanged',
    actors: ['system'],
    guards: [],
    eventType: 'booking.payment_after_close',
    // Money that arrives after the booking closed goes back, less any fee already owed.
    effects: ({ b }) => {
      const refund = Math.max(0, amountPaidOf(b) - (b.cancellationFee ?? 0));
      return refund > 0
        ? [
            { type: 'refund', amount: refund, reason: 'payment_after_close' },
            { type: 'notify', to: 'client', template: 'booking.payment_refunded' },
          ]
        : [];
    },
    patch: ({ b }) => {
      const refund = Math.max(0, amountPaidOf(b) - (b.cancellationFee ?? 0));
      return refund > 0 ? { refundAmount: refund } : {};
    },
  }),
  rule({
    id: 'tip.received',
    command: 'tip_received',
    from: ['completed', 'disputed'],
    to: 'unchanged',
    actors: ['system'],
    guards: [],
    eventType: 'booking.tip_received',
    validate: (cmd) => (Number.isSafeInteger(cmd.amount) && cmd.amount > 0 ? null : 'A tip is a positive whole number of minor units.'),
    // All of it is the provider's: no fee, no commission.
    effects: () => [{ type: 'schedule_tip_payout' }, { type: 'notify', to: 'provider', template: 'booking.tipped' }],
  }),
];
