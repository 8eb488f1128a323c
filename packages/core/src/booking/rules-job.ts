import { confirmationWindowOver, notConfirmed, notYetOnMyWay, onMyWayWindowOpen, startWindowOpen, withinConfirmationWindow } from './guards.ts';
import { invoiceMayCollect } from './settlement.ts';
import { rule, requiredReason, refundEverything, type TransitionRule } from './rule.ts';
import { HOUR_MS } from '../durations.ts';

/** The job itself, its completion window, and disputes about it. */
export const jobRules: readonly TransitionRule[] = [
  rule({
    id: 'on_my_way',
    command: 'mark_on_my_way',
    from: ['confirmed'],
    to: 'unchanged',
    actors: ['provider'],
    guards: [notYetOnMyWay, onMyWayWindowOpen],
    eventType: 'booking.on_my_way',
    effects: () => [{ type: 'notify', to: 'client', template: 'booking.on_my_way' }],
    patch: ({ now }) => ({ onMyWayAt: now }),
  }),
  rule({
    id: 'start',
    command: 'start',
    from: ['confirmed'],
    to: 'in_progress',
    actors: ['provider'],
    guards: [startWindowOpen],
    eventType: 'booking.started',
    effects: () => [{ type: 'notify', to: 'client', template: 'booking.started' }],
  }),
  rule({
    id: 'complete',
    command: 'complete',
    from: ['in_progress'],
    to: 'completed',
    actors: ['provider'],
    guards: [],
    eventType: 'booking.completed',
    validate: ({ actualQuarterHours: q }) =>
      q === undefined || (Number.isInteger(q) && q > 0 && q <= 96) ? null : 'Actual time must be between a quarter hour and 24 hours, in quarter hours.',
    effects: ({ now, rules }) => [
      { type: 'schedule_auto_confirm', at: new Date(now.getTime() + rules.confirmationWindowHours * HOUR_MS) },
      { type: 'notify', to: 'client', template: 'booking.completed' },
    ],
    patch: ({ cmd, now }) => ({
      completedAt: now,
      ...(cmd.actualQuarterHours !== undefined ? { actualQuarterHours: cmd.actualQuarterHours } : {}),
    }),
  }),
  rule({
    id: 'confirm.by_client',
    command: 'confirm_completion',
    from: ['completed'],
    to: 'unchanged',
    actors: ['client'],
    guards: [notConfirmed, withinConfirmationWindow],
    eventType: 'booking.completion_confirmed',
    effects: () => [
      { type: 'schedule_payout' },
      { type: 'generate_receipt' },
      { type: 'notify', to: 'provider', template: 'booking.completion_confirmed' },
    ],
    patch: ({ now }) => ({ clientConfirmedAt: now }),
  }),
  rule({
    id: 'confirm.auto',
    command: 'confirm_completion',
    from: ['completed'],
    to: 'unchanged',
    actors: ['system'],
    guards: [notConfirmed, confirmationWindowOver],
    eventType: 'booking.auto_confirmed',
    effects: () => [
      { type: 'schedule_payout' },
      { type: 'generate_receipt' },
      { type: 'notify', to: 'both', template: 'booking.auto_confirmed' },
    ],
    patch: ({ now }) => ({ clientConfirmedAt: now }),
  }),
  rule({
    id: 'raise_problem',
    command: 'raise_problem',
    from: ['completed'],
    to: 'disputed',
    actors: ['client'],
    guards: [notConfirmed, withinConfirmationWindow],
    eventType: 'booking.disputed',
    validate: (cmd) => requiredReason(cmd.reason),
    effects: () => [
      { type: 'freeze_payout' },
      { type: 'notify', to: 'both', template: 'booking.disputed' },
    ],
    patch: ({ cmd }) => ({ reason: cmd.reason }),
  }),
  rule({
    id: 'resolve.completed',
    command: 'resolve_dispute',
    from: ['disputed'],
    to: 'completed',
    actors: ['admin'],
    when: { label: 'outcome completed', test: (_b, cmd) => cmd.outcome === 'completed' },
    guards: [],
    eventType: 'booking.dispute_resolved',
    effects: () => [
      { type: 'schedule_payout' },
      { type: 'generate_receipt' },
      { type: 'notify', to: 'both', template: 'booking.dispute_resolved' },
    ],
    // Settles the completion, so neither the auto-confirm job nor the client can act again.
    patch: ({ now }) => ({ clientConfirmedAt: now }),
  }),
  rule({
    id: 'resolve.cancelled',
    command: 'resolve_dispute',
    from: ['disputed'],
    to: 'cancelled',
    actors: ['admin'],
    when: { label: 'outcome cancelled', test: (_b, cmd) => cmd.outcome === 'cancelled' },
    guards: [],
    eventType: 'booking.dispute_resolved',
    effects: ({ b }) => [
      ...refundEverything(b, 'dispute_resolved').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'notify', to: 'both', template: 'booking.dispute_resolved' },
    ],
    patch: ({ b }) => ({ ...refundEverything(b, '').patch, cancelledBy: 'admin' }),
  }),
];
