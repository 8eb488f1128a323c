import {
  beforeStart,
  confirmationWindowOver,
  noShowGraceOver,
  notConfirmed,
  notYetOnMyWay,
  onMyWayWindowOpen,
  startReached,
  startWindowOpen,
  withinConfirmationWindow,
  type Guard,
  type GuardContext,
} from './guards.ts';
import { amountPaidOf, fullRefundQuote, invoiceMayCollect, settle, settlementQuote } from './settlement.ts';
import type {
  ActorKind,
  BookingCommandType,
  BookingEffect,
  BookingSnapshot,
  BookingStatus,
  CommandOf,
  TransitionPatch,
} from './types.ts';

const HOUR_MS = 3_600_000;

export interface RuleContext<T extends BookingCommandType> extends GuardContext {
  cmd: CommandOf<T>;
}

/**
 * One row of the machine: in which states a command is accepted, from whom, under which guards,
 * where it leads (`'unchanged'` records an event without a status change) and what it causes.
 * When several rows share a command and a state, `when` (a fact of the booking or the command,
 * not a permission) picks one; the table test checks that exactly one row ever applies.
 */
export interface TransitionRule<T extends BookingCommandType = BookingCommandType> {
  id: string;
  command: T;
  from: readonly BookingStatus[];
  to: BookingStatus | 'unchanged';
  actors: readonly ActorKind[];
  when?: { label: string; test(b: BookingSnapshot, cmd: CommandOf<T>): boolean };
  guards: readonly Guard[];
  eventType: string;
  /** Checks the command's own fields; a message here is bad input, not an illegal move. */
  validate?(cmd: CommandOf<T>): string | null;
  effects(ctx: RuleContext<T>): BookingEffect[];
  patch?(ctx: RuleContext<T>): TransitionPatch;
}

// Method syntax keeps rows of different commands assignable to TransitionRule<BookingCommandType>.
const rule = <T extends BookingCommandType>(r: TransitionRule<T>): TransitionRule => r as unknown as TransitionRule;

const otherSide = (actor: ActorKind): 'client' | 'provider' | 'both' =>
  actor === 'client' ? 'provider' : actor === 'provider' ? 'client' : 'both';

const needsReason = (reason: string | undefined): string | null =>
  reason === undefined ? null : reason.trim().length === 0 ? 'Please give a reason.' : reason.length > 2000 ? 'The reason is too long.' : null;

const requiredReason = (reason: string): string | null =>
  typeof reason !== 'string' || reason.trim().length === 0 ? 'Please give a reason.' : needsReason(reason);

const reliability = (actor: ActorKind, reason: string): BookingEffect[] =>
  actor === 'provider' ? [{ type: 'mark_provider_reliability', reason }] : [];

const refundEverything = (b: BookingSnapshot, reason: string) =>
  settle(fullRefundQuote(b, 'Everything paid is refunded.'), reason);

const cancelPatch = (ctx: RuleContext<'cancel'>, money: TransitionPatch): TransitionPatch => ({
  ...money,
  cancelledBy: ctx.actor.kind,
  ...(ctx.cmd.reason !== undefined ? { reason: ctx.cmd.reason } : {}),
});

export const transitionTable: readonly TransitionRule[] = [
  // --- the provider answers a request -------------------------------------------------------
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
    effects: () => [
      { type: 'create_invoice' },
      { type: 'calendar_push' },
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
    patch: ({ cmd }) => ({ reason: cmd.reason }),
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

  // --- payments (from the payments webhook; never throws for the system) ---------------------
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
    effects: ({ cmd }) => [
      ...(cmd.fullyPaid ? [{ type: 'generate_receipt' } as const] : []),
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

  // --- cancellations ------------------------------------------------------------------------
  rule({
    id: 'cancel.request',
    command: 'cancel',
    from: ['requested'],
    to: 'cancelled',
    actors: ['client', 'provider', 'admin'],
    guards: [],
    eventType: 'booking.cancelled',
    validate: (cmd) => needsReason(cmd.reason),
    effects: ({ actor }) => [{ type: 'notify', to: otherSide(actor.kind), template: 'booking.cancelled' }],
    patch: (ctx) => cancelPatch(ctx, { cancellationFee: 0, refundAmount: 0 }),
  }),
  rule({
    id: 'cancel.agreed',
    command: 'cancel',
    from: ['accepted', 'confirmed'],
    to: 'cancelled',
    actors: ['client', 'provider', 'admin'],
    guards: [],
    eventType: 'booking.cancelled',
    validate: (cmd) => needsReason(cmd.reason),
    effects: ({ b, actor, now }) => [
      ...settle(settlementQuote(b, actor.kind, now), `cancelled_by_${actor.kind}`).effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      ...reliability(actor.kind, 'provider_cancelled'),
      { type: 'notify', to: otherSide(actor.kind), template: 'booking.cancelled' },
    ],
    patch: (ctx) => cancelPatch(ctx, settle(settlementQuote(ctx.b, ctx.actor.kind, ctx.now), '').patch),
  }),
  rule({
    id: 'cancel.by_admin',
    command: 'cancel',
    from: ['in_progress', 'completed', 'disputed'],
    to: 'cancelled',
    actors: ['admin'],
    guards: [notConfirmed],
    eventType: 'booking.cancelled',
    validate: (cmd) => needsReason(cmd.reason),
    effects: ({ b }) => [
      ...refundEverything(b, 'cancelled_by_admin').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      ...(b.status === 'in_progress' ? [{ type: 'calendar_cancel' } as const] : []),
      { type: 'notify', to: 'both', template: 'booking.cancelled' },
    ],
    patch: (ctx) => cancelPatch(ctx, refundEverything(ctx.b, '').patch),
  }),

  // --- the job --------------------------------------------------------------------------------
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

  // --- no-shows -------------------------------------------------------------------------------
  rule({
    id: 'no_show.client_absent',
    command: 'mark_no_show',
    from: ['confirmed'],
    to: 'no_show',
    actors: ['provider'],
    guards: [noShowGraceOver],
    eventType: 'booking.client_no_show',
    validate: (cmd) => needsReason(cmd.reason),
    // The client owes what a cancellation at this moment would cost.
    effects: ({ b, now }) => [
      ...settle(settlementQuote(b, 'client', now), 'client_no_show').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      { type: 'notify', to: 'client', template: 'booking.client_no_show' },
    ],
    patch: ({ b, now, cmd }) => ({
      ...settle(settlementQuote(b, 'client', now), '').patch,
      ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
    }),
  }),
  rule({
    id: 'no_show.provider_absent',
    command: 'mark_no_show',
    from: ['confirmed'],
    to: 'no_show',
    actors: ['client'],
    guards: [noShowGraceOver],
    eventType: 'booking.provider_no_show',
    validate: (cmd) => needsReason(cmd.reason),
    effects: ({ b }) => [
      ...refundEverything(b, 'provider_no_show').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      { type: 'mark_provider_reliability', reason: 'provider_no_show' },
      { type: 'notify', to: 'provider', template: 'booking.provider_no_show' },
    ],
    patch: ({ b, cmd }) => ({
      ...refundEverything(b, '').patch,
      ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
    }),
  }),

  // --- disputes -------------------------------------------------------------------------------
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
