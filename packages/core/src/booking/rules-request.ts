import { expiryDeadline } from './expiry.ts';
import { reminderAt } from './reminder.ts';
import { beforeStart, startReached } from './guards.ts';
import { amountPaidOf } from './settlement.ts';
import { rule, requiredReason, refundEverything, type RuleContext, type TransitionRule } from './rule.ts';

const requestExpiry = ({ b, now, rules }: RuleContext<'request'>) => expiryDeadline(now, b.startsAt, { ttlHours: rules.requestTtlHours });

/** A client asks (the initial transition); the provider answers; the system expires what nobody answered or paid. */
export const requestRules: readonly TransitionRule[] = [
  rule({
    id: 'request',
    command: 'request',
    from: [null],
    to: 'requested',
    actors: ['client'],
    guards: [],
    eventType: 'booking.requested',
    effects: (ctx) => [
      { type: 'notify', to: 'both', template: 'booking.requested' },
      // Unanswered by then: the system expires it (see expire.request).
      { type: 'schedule_expiry', at: requestExpiry(ctx) },
    ],
    writes: ['expiresAt'],
    patch: (ctx) => ({ expiresAt: requestExpiry(ctx) }),
  }),
  rule({
    id: 'accept.payment_due',
    command: 'accept',
    from: ['requested'],
    to: 'accepted',
    actors: ['provider'],
    when: { label: 'upfront payment required', test: (b) => b.requiresUpfrontPayment },
    guards: [beforeStart],
    eventType: 'booking.accepted',
    effects: ({ b }) => [
      { type: 'create_invoice' },
      { type: 'calendar_push' },
      // Unpaid by the start: the system expires it (see expire.unpaid).
      { type: 'schedule_expiry', at: b.startsAt },
      { type: 'notify', to: 'client', template: 'booking.accepted_payment_due' },
    ],
  }),
  rule({
    id: 'accept.confirmed',
    command: 'accept',
    from: ['requested'],
    to: 'confirmed',
    actors: ['provider'],
    when: { label: 'no upfront payment', test: (b) => !b.requiresUpfrontPayment },
    guards: [beforeStart],
    eventType: 'booking.accepted',
    effects: ({ b, now }) => [
      { type: 'create_invoice' },
      { type: 'calendar_push' },
      { type: 'schedule_reminder', at: reminderAt(b.startsAt, now) },
      { type: 'notify', to: 'client', template: 'booking.confirmed' },
    ],
  }),
  rule({
    id: 'decline',
    command: 'decline',
    from: ['requested'],
    to: 'declined',
    actors: ['provider'],
    guards: [],
    eventType: 'booking.declined',
    validate: (cmd) => requiredReason(cmd.reason),
    effects: () => [{ type: 'notify', to: 'client', template: 'booking.declined' }],
    writes: ['declineReason'],
    patch: ({ cmd }) => ({ reason: cmd.reason, declineReason: cmd.reason }),
  }),
  rule({
    id: 'expire.request',
    command: 'expire',
    from: ['requested'],
    to: 'expired',
    actors: ['system'],
    guards: [],
    eventType: 'booking.expired',
    effects: () => [{ type: 'notify', to: 'both', template: 'booking.expired' }],
  }),
  rule({
    id: 'expire.unpaid',
    command: 'expire',
    from: ['accepted'],
    to: 'expired',
    actors: ['system'],
    guards: [startReached],
    eventType: 'booking.expired',
    effects: ({ b }) => [
      ...refundEverything(b, 'expired').effects,
      { type: 'void_invoice' },
      { type: 'calendar_cancel' },
      { type: 'notify', to: 'both', template: 'booking.payment_expired' },
    ],
    patch: ({ b }) => {
      const paid = amountPaidOf(b);
      return paid > 0 ? { refundAmount: paid } : {};
    },
  }),
];
